package roster

import "testing"

// TestFormFootRows: the signature lines under a submitted form are not
// member rows; a member whose name merely contains such words is.
func TestFormFootRows(t *testing.T) {
	for _, tc := range []struct {
		cells []string
		want  bool
	}{
		{[]string{"支部书记（签字）：", "", "", "", "", "", "", "党组织（盖章）："}, true},
		{[]string{"", "党组织（盖章）："}, true},
		{[]string{"填表人：王晓明", "", "审核人：李建国"}, true},
		{[]string{"1", "王晓明", "男"}, false},
		{[]string{"书记", "李建国"}, false},
	} {
		if got := isTotalRow(tc.cells, 1); got != tc.want {
			t.Errorf("isTotalRow(%q) = %v, want %v", tc.cells, got, tc.want)
		}
	}
}
