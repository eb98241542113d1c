package data

import (
	"fmt"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// MarkTable returns, in one read transaction, the marks of several
// sessions for a list of members: t[j][i] is members[i]'s mark at
// sessions[j], Unmarked where none is stored. The attendance matrix lays
// marks out as such a grid; a Marks map per session would cost one member
// lookup per stored mark (300,000 on a 5,000 × 60 matrix).
func (l *Ledger) MarkTable(sessions []uuid.UUID, members []Member) ([][]MarkStatus, error) {
	maxSeq := uint32(0)
	for i := range members {
		maxSeq = max(maxSeq, members[i].Seq)
	}
	row := make([]int32, maxSeq+1) // member seq → index in members, or -1
	for i := range row {
		row[i] = -1
	}
	for i := range members {
		row[members[i].Seq] = int32(i)
	}
	n := len(members)
	cells := make([]MarkStatus, len(sessions)*n)
	t := make([][]MarkStatus, len(sessions))
	err := l.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bMarks)
		for j, id := range sessions {
			col := cells[j*n : (j+1)*n : (j+1)*n]
			t[j] = col
			err := eachMark(b, id, func(seq uint32, m Mark) {
				if int(seq) < len(row) && row[seq] >= 0 {
					col[row[seq]] = m.Status
				}
			})
			if err != nil {
				return fmt.Errorf("marks of session %s: %w", id, err)
			}
		}
		return nil
	})
	return t, err
}
