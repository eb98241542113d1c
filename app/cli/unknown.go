package cli

import (
	"fmt"
	"path/filepath"
	"strings"
)

// unknown tells the user that word is neither a verb nor a file: a missing
// ledger when it looks like a path, else an unknown command with the
// nearest verb, if one is close, and the list of verbs.
func (e *Env) unknown(word string) {
	if strings.EqualFold(filepath.Ext(word), ".ledger") || strings.ContainsAny(word, `/\`) {
		fmt.Fprintln(e.Err, e.Words.T("cli.no_such_file", map[string]any{"File": word}))
		return
	}
	fmt.Fprintln(e.Err, e.Words.T("cli.unknown_verb", map[string]any{"Word": word}))
	if v := nearestVerb(word); v != "" {
		fmt.Fprintln(e.Err, e.Words.T("cli.did_you_mean", map[string]any{"Verb": v}))
	}
	e.printUsage(e.Err)
}

// nearestVerb returns the verb within two edits (insert, delete, replace
// or swap two neighbours) of word, case ignored, or "" when none is.
func nearestVerb(word string) string {
	best, bestD := "", 3
	for _, v := range verbOrder {
		if d := editDistance(strings.ToLower(word), v); d < bestD {
			best, bestD = v, d
		}
	}
	return best
}

// editDistance is the optimal-string-alignment distance between a and b,
// counted in runes.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
