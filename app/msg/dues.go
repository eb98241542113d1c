package msg

import (
	"errors"

	"branchledger/data"
	"branchledger/data/dues"
)

// forDuesError returns the message of an error of the dues ledger, or
// false when err is not one.
func forDuesError(err error) (Text, bool) {
	var pe *dues.ParseError
	if errors.As(err, &pe) {
		return Text{Key: pe.Code}, true
	}
	for _, e := range []struct {
		err error
		key string
	}{
		{data.ErrDuesNoBase, "dues.error.no_base"},
		{data.ErrDuesNotDue, "dues.error.not_due"},
		{data.ErrDuesExempt, "dues.error.exempt"},
		{data.ErrDuesPaid, "dues.error.paid"},
		{data.ErrDuesTooMany, "dues.error.too_many"},
		{data.ErrDuesTooFarAhead, "dues.error.too_far_ahead"},
		{data.ErrDuesBadMethod, "dues.error.bad_method"},
		{data.ErrDuesBadReduction, "dues.error.bad_reduction"},
		{data.ErrDuesBadAmount, "dues.error.bad_amount"},
		{dues.ErrFarmerAmount, "dues.error.farmer_amount"},
		{dues.ErrNegativeBase, "dues.error.negative_base"},
		{dues.ErrBadCategory, "dues.error.bad_category"},
	} {
		if errors.Is(err, e.err) {
			return Text{Key: e.key}, true
		}
	}
	return Text{}, false
}
