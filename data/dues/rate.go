// Package dues holds the pure rules of Party dues (党费) from the 2008
// rules of the Central Organization Department (中组部《关于中国共产党党费
// 收缴、使用和管理的规定》): which rate a monthly base earns, what a member
// owes a month, and how an amount typed in 元 becomes fen. It knows nothing
// of storage; data/ keeps the records and applies these rules.
//
// Every amount is an int64 number of fen (分, 0.01 元). A rate is an int
// number of permille (‰): 5 is 0.5 %, 15 is 1.5 %.
package dues

import "errors"

// Category is a member's dues category: it selects the rate table.
type Category string

// Dues categories.
const (
	Employed         Category = "employed"                  // 在职党员
	Retired          Category = "retired"                   // 离退休党员
	Farmer           Category = "farmer"                    // 农民党员
	StudentReliefEtc Category = "student_unemployed_relief" // 学生、下岗失业、领取最低生活保障的党员
)

// Categories returns the dues categories in display order (a new slice
// each call: callers may keep or change it).
func Categories() []Category { return []Category{Employed, Retired, Farmer, StudentReliefEtc} }

// Valid reports whether c is one of the four categories.
func (c Category) Valid() bool {
	switch c {
	case Employed, Retired, Farmer, StudentReliefEtc:
		return true
	}
	return false
}

// Fixed monthly amounts in fen: farmers pay between FarmerMin and
// FarmerMax (the branch sets the amount), students, the unemployed and
// members on relief pay StudentDue.
const (
	FarmerMin  int64 = 20  // 0.2 元
	FarmerMax  int64 = 100 // 1 元
	StudentDue int64 = 20  // 0.2 元
)

// VoluntaryToCentre is the one-off voluntary payment from which the whole
// sum goes to the Central Committee: 1,000 元 and more, in fen.
const VoluntaryToCentre int64 = 100000

// ErrFarmerAmount is returned by MonthlyDue for a farmer's fixed amount
// outside 0.2–1 元.
var ErrFarmerAmount = errors.New("farmer's monthly amount outside 0.2–1 yuan")

// ErrBadCategory is returned for a category that is not one of the four.
var ErrBadCategory = errors.New("unknown dues category")

// ErrNegativeBase is returned for a base below zero.
var ErrNegativeBase = errors.New("negative dues base")

// Rate returns the permille rate of a monthly base (after tax, in fen) for
// the employed and retired tables; farmers and the student/relief group pay
// fixed amounts and have no rate (0, false). The brackets are closed on
// the right: a base of exactly 3000 元 is still in the 0.5 % bracket.
//
// Employed: ≤ 3000 元 5‰; ≤ 5000 元 10‰; ≤ 10000 元 15‰; above 20‰.
// Retired: ≤ 5000 元 5‰; above 10‰.
func Rate(c Category, base int64) (permille int, ok bool) {
	switch c {
	case Employed:
		switch {
		case base <= 300000:
			return 5, true
		case base <= 500000:
			return 10, true
		case base <= 1000000:
			return 15, true
		default:
			return 20, true
		}
	case Retired:
		if base <= 500000 {
			return 5, true
		}
		return 10, true
	}
	return 0, false
}

// MonthlyDue returns the amount due a month, in fen. For the employed and
// retired it is base × rate, rounded to the fen half up (0.5 fen and more
// rounds up: 1 元 at 0.5 % is 0.5 fen → 1 fen). For farmers it is fixed,
// the amount the branch set (fen, 20–100). For the student/relief group it
// is 20 fen whatever the base.
func MonthlyDue(c Category, base, farmerAmount int64) (int64, error) {
	if base < 0 {
		return 0, ErrNegativeBase
	}
	switch c {
	case Employed, Retired:
		r, _ := Rate(c, base)
		return (base*int64(r) + 500) / 1000, nil
	case Farmer:
		if farmerAmount < FarmerMin || farmerAmount > FarmerMax {
			return 0, ErrFarmerAmount
		}
		return farmerAmount, nil
	case StudentReliefEtc:
		return StudentDue, nil
	}
	return 0, ErrBadCategory
}
