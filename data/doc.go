// Package data holds Branch Ledger's domain model: members, sessions,
// attendance marks and make-up studies; the rules that validate them; the
// bbolt ledger file that stores them; and the statistics and compliance
// checks computed from them. It never imports Fyne, so the command line,
// tests and benchmarks use it without a display.
package data
