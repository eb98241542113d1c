package data

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"branchledger/data/dues"
	"github.com/google/uuid"
)

func fullDuesAccount() DuesAccount {
	// Binary times keep the offset, not the zone's name.
	at := time.Date(2026, 1, 5, 9, 30, 0, 0, time.FixedZone("", 8*3600))
	return DuesAccount{MemberID: uuid.MustParse("01a22e4e-8c37-71ba-8a0e-38d6e3ff9c19"), Year: 2026, Category: dues.Retired,
		CategoryAssumed: true, Base: 500001, FarmerAmount: 0, BaseBy: "组织委员 李丽华", BaseAt: at,
		Reduction: &DuesReduction{Kind: DuesReduced, MonthlyDue: 1000, ApprovedBy: "机关党委", ApprovedOn: 20260120, Reason: "家庭困难"},
		Payments: []DuesPayment{
			{Month: 202601, Amount: 1000, Paid: 20260109, Method: PayCash, SessionID: uuid.MustParse("01a22e4e-8c37-7215-a7ec-7d5b248ae7ff"), Recorded: at},
			{Month: 202602, Amount: 1000, Paid: 20260301, Method: PayOnline, Recorded: at.Add(time.Hour)},
		},
		Updated: at.Add(2 * time.Hour)}
}

func TestDuesAccountRoundTrip(t *testing.T) {
	for _, a := range []DuesAccount{fullDuesAccount(), {MemberID: uuid.New(), Year: 2025}} {
		b, err := encode(&a)
		if err != nil {
			t.Fatal(err)
		}
		if b[0] != 5 {
			t.Errorf("record version %d, want 5", b[0])
		}
		var got DuesAccount
		if err := decode(b, &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, a) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, a)
		}
		for n := range len(b) { // every truncation is refused, none panics
			if err := decode(b[:n], &got); !errors.Is(err, errBadRecord) {
				t.Fatalf("truncated to %d bytes: %v", n, err)
			}
		}
		for i := range len(b) * 8 { // every single-bit flip fails the checksum
			c := append([]byte(nil), b...)
			c[i/8] ^= 1 << (i % 8)
			if err := decode(c, &got); !errors.Is(err, errBadRecord) {
				t.Fatalf("bit %d flipped: %v", i, err)
			}
		}
	}
	// A version 1 (JSON) account is still read.
	var got DuesAccount
	if err := decode([]byte(`{"member_id":"01a22e4e-8c37-71ba-8a0e-38d6e3ff9c19","year":2026,"category":"employed","base":300000}`), &got); !errors.Is(err, errBadRecord) {
		t.Errorf("no version byte: %v", err)
	}
	if err := decode(append([]byte{1}, `{"year":2026,"category":"employed","base":300000}`...), &got); err != nil || got.Base != 300000 {
		t.Errorf("JSON account: %+v, %v", got, err)
	}
}

// FuzzDecodeDuesAccount checks that no input makes the decoder panic and
// that what it accepts encodes back to the same bytes.
func FuzzDecodeDuesAccount(f *testing.F) {
	a := fullDuesAccount()
	good, err := encode(&a)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:40])
	f.Add([]byte{3})
	f.Fuzz(func(t *testing.T, b []byte) {
		var a DuesAccount
		if decodeDuesAccount(b, &a) != nil {
			return
		}
		back, err := encodeDuesAccount(&a)
		if err != nil {
			t.Fatal(err)
		}
		var again DuesAccount
		if err := decodeDuesAccount(back, &again); err != nil || !reflect.DeepEqual(again, a) {
			t.Fatalf("re-encoded account does not read back: %v", err)
		}
	})
}
