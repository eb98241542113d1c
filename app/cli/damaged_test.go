package cli

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

const damagedFixtures = "../../testdata/damaged-ledgers"

// TestDamagedFixtures runs every verb on the damaged example ledgers
// (one flipped byte in a data page, twice; 64 KiB of zeros; the three
// schema 3 ledgers a tester damaged where no checksum looks): each refuses
// with the Chinese "damaged" sentence, none crashes, and none writes to the
// file or files a backup of it.
func TestDamagedFixtures(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	damagedWords := r.words.T("error.damaged", nil)
	for _, tc := range []struct{ name, check string }{
		{"flip-a", "check.damaged_file"},
		{"flip-b", "check.damaged_file"},
		{"hole-64k", "check.damaged_file"},
		// Schema 3 ledgers: a branch page's key lowered in order, a mark
		// history key's member seq and time flipped (the record's own
		// checksum holds; its key names another change).
		{"branchkey", "check.damaged_file"},
		// Found by a tester on 2026-12-01 (README there): a branch's and a
		// leaf's element count lowered by one (marks, dues accounts), a
		// schema 3 marks value's length zeroed, the newest meta page's
		// header zeroed, one page write lost.
		{"count-branch", "check.damaged_file"},
		{"count-leaf", "check.damaged_file"},
		{"count-leaf-dues", "check.damaged_file"},
		{"empty-marks", "check.damaged_file"},
		{"meta-header", "check.damaged_file"},
		{"lost-write", "check.damaged_file"},
		{"histkey-seq", "check.bad_record"},
		{"histkey-time", "check.bad_record"},
	} {
		name := tc.name
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, name+".ledger")
			copyFile(t, filepath.Join(damagedFixtures, name+".ledger"), path)
			before := sum(t, path)
			out, _ := r.want(ExitRefused, "check", path)
			if want := r.words.T(tc.check, map[string]any{"Where": ""}); !strings.Contains(out, want) {
				t.Errorf("check: got %q, want %q", out, want)
			}
			for _, args := range [][]string{
				{"stats", path},
				{"stats", path, "--json"},
				{"export", path, "--out", filepath.Join(dir, "报表.xlsx")},
				{"import", path, filepath.Join(rosterFixtures, "roster-clean.xlsx")},
				{"backup", path, filepath.Join(dir, "copy.ledger")},
			} {
				_, stderr := r.want(ExitRefused, args...)
				if !strings.Contains(stderr, damagedWords) {
					t.Errorf("%s: stderr %q, want %q", args[0], stderr, damagedWords)
				}
			}
			if sum(t, path) != before {
				t.Errorf("the damaged file was written to")
			}
			for _, p := range []string{data.BackupDir(path), filepath.Join(dir, "报表.xlsx"), filepath.Join(dir, "copy.ledger")} {
				if _, err := os.Stat(p); err == nil {
					t.Errorf("%s was made from a damaged ledger", p)
				}
			}
		})
	}
}

func copyFile(t testing.TB, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestFlipCampaign flips one byte at a time, at positions spread over a
// fresh example ledger, and runs every verb that reads a ledger on each
// copy: check, stats, export, backup, restore (the copy as the backup) and
// import. None may crash or hang; what
// stats prints and what export writes is either identical to the
// undamaged ledger's or refused (exit 1). `make soak` runs the long
// campaign (300 positions, and the large ledger) by setting
// BRANCHLEDGER_SOAK.
func TestFlipCampaign(t *testing.T) {
	n, large := 24, false
	if s := os.Getenv("BRANCHLEDGER_SOAK"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			t.Fatalf("BRANCHLEDGER_SOAK=%q: want a number of positions", s)
		}
		large = true
	}
	r := newCLI(t, "zh-Hans")
	demos := []string{"demo"}
	if large {
		demos = append(demos, "large")
	}
	for _, kind := range demos {
		t.Run(kind, func(t *testing.T) {
			dir := t.TempDir()
			good := filepath.Join(dir, "good.ledger")
			args := []string{"demo", good}
			if kind == "large" {
				args = []string{"demo", "--large", good}
			}
			r.want(ExitOK, args...)
			orig, err := os.ReadFile(good)
			if err != nil {
				t.Fatal(err)
			}
			wantStats, _ := r.want(ExitOK, "stats", good, "--json")
			reports := "roster,register,matrix,summary"
			if kind == "large" {
				reports = "roster,register" // a 5,000 × 1,000 matrix is not a report anyone prints
			}
			r.want(ExitOK, "export", good, "--out", filepath.Join(dir, "good.xlsx"), "--report", reports)
			wantSheets := sheetValues(t, filepath.Join(dir, "good.xlsx"))
			rng := rand.New(rand.NewPCG(14, uint64(len(orig))))
			tally := map[string]int{}
			for i := range n {
				pos := rng.IntN(len(orig))
				mask := byte(1 + rng.IntN(255))
				tally[flipOnce(t, r, orig, pos, mask, reports, wantStats, wantSheets)]++
				if i%50 == 49 {
					t.Logf("%d positions: %v", i+1, tally)
				}
			}
			t.Logf("%s ledger, %d positions: %v", kind, n, tally)
		})
	}
}

// flipOnce runs the verbs on a copy of orig with the byte at pos XORed
// with mask and returns "refused" or "same".
func flipOnce(t *testing.T, r *cliRunner, orig []byte, pos int, mask byte, reports, wantStats string, wantSheets map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "x.ledger")
	b := bytes.Clone(orig)
	b[pos] ^= mask
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	where := fmt.Sprintf("byte %d ^ %#02x", pos, mask)
	outcome := "same"
	check := func(code int) {
		if code != ExitOK && code != ExitRefused {
			t.Errorf("%s: exit %d", where, code)
		}
		if code == ExitRefused {
			outcome = "refused"
		}
	}
	code, _, _ := r.run("check", path)
	check(code)
	code, got, stderr := r.run("stats", path, "--json")
	check(code)
	if code == ExitOK && got != wantStats {
		t.Errorf("%s: stats printed different numbers with exit 0:\n%s", where, firstDiff(got, wantStats))
	}
	if code == ExitRefused && stderr == "" {
		t.Errorf("%s: stats refused without a word", where)
	}
	out := filepath.Join(dir, "out.xlsx")
	code, _, _ = r.run("export", path, "--out", out, "--report", reports)
	check(code)
	if code == ExitOK {
		if diff := compareSheets(sheetValues(t, out), wantSheets); diff != "" {
			t.Errorf("%s: export wrote different cells with exit 0: %s", where, diff)
		}
	}
	// A backup is made only of a sound ledger: whatever backup writes
	// passes check.
	copyPath := filepath.Join(dir, "copy.ledger")
	code, _, _ = r.run("backup", path, copyPath)
	check(code)
	if code == ExitOK {
		if c, out, _ := r.run("check", copyPath); c != ExitOK {
			t.Errorf("%s: backup wrote a copy that fails check: %s", where, out)
		}
	}
	// Restored over a sound ledger, the copy either is refused (the
	// target untouched) or gives the same numbers.
	target := filepath.Join(dir, "target.ledger")
	if err := os.WriteFile(target, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, _ = r.run("restore", path, target)
	check(code)
	if code == ExitOK {
		if c, got, _ := r.run("stats", target, "--json"); c == ExitOK && got != wantStats {
			t.Errorf("%s: restored ledger prints different numbers: %s", where, firstDiff(got, wantStats))
		}
	} else if now, err := os.ReadFile(target); err != nil || !bytes.Equal(now, orig) {
		t.Errorf("%s: a refused restore changed the target (%v)", where, err)
	}
	code, _, _ = r.run("import", path, filepath.Join(rosterFixtures, "roster-clean.xlsx"), "--skip-bad")
	check(code)
	if outcome == "refused" {
		// Nothing may have been written into a file found damaged.
		if now, err := os.ReadFile(path); err != nil || (!bytes.Equal(now, b) && code == ExitRefused) {
			t.Errorf("%s: a refused file was changed (%v)", where, err)
		}
	}
	return outcome
}

// sheetValues reads every cell of every sheet of an exported workbook,
// keyed "sheet!A1".
func sheetValues(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for j, v := range row {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				out[sh+"!"+cell] = v
			}
		}
	}
	return out
}

func compareSheets(got, want map[string]string) string {
	for k, v := range want {
		if got[k] != v {
			return fmt.Sprintf("%s: got %q, want %q", k, got[k], v)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			return fmt.Sprintf("%s: got %q, want nothing", k, v)
		}
	}
	return ""
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d: got %q, want %q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("got %d lines, want %d", len(g), len(w))
}

// TestFailedBackupOnStderr: when the automatic backup at open fails (here
// "backups" beside the ledger is a file, not a folder), a verb that opens
// the ledger for writing still works and says so on the error stream.
func TestFailedBackupOnStderr(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	path := newDemoFile(t, r)
	if err := os.WriteFile(data.BackupDir(path), []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stderr := r.want(ExitOK, "export", path, "--out", filepath.Join(t.TempDir(), "花名册.xlsx"), "--report", "roster")
	if !strings.HasPrefix(stderr, "注意：自动备份没有成功：") {
		t.Errorf("stderr %q, want the failed-backup note", stderr)
	}
}

// TestExportFromReadOnlyLedger: a ledger whose file cannot be written (mode
// 0400, and immutable as root, whom modes do not stop) opens read-only;
// export still writes the workbook, names its sheets, and says on stderr
// that the ledger was read-only and the export not recorded.
func TestExportFromReadOnlyLedger(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	path := newDemoFile(t, r)
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
			t.Fatalf("chattr +i (needed as root): %v %s", err, out)
		}
		t.Cleanup(func() { _ = exec.Command("chattr", "-i", path).Run() })
	}
	before := sum(t, path)
	out := filepath.Join(t.TempDir(), "花名册.xlsx")
	stdout, stderr := r.want(ExitOK, "export", path, "--out", out, "--report", "roster")
	if !strings.Contains(stderr, "注意：台账所在的文件或磁盘不能写入，已以只读方式打开") ||
		!strings.Contains(stderr, "注意：台账是只读的，这次导出没有记入导出记录。") {
		t.Errorf("stderr %q, want the read-only and not-recorded notes", stderr)
	}
	if !strings.Contains(stdout, "党员花名册") {
		t.Errorf("stdout %q, want the sheet named", stdout)
	}
	if got := sheetValues(t, out); got["党员花名册!A1"] == "" {
		t.Errorf("the workbook has no title")
	}
	if sum(t, path) != before {
		t.Errorf("the read-only ledger changed")
	}
}

// TestRestoreFromDamagedBackup: restoring from a damaged backup says the
// backup is damaged (not the ledger) and changes nothing; restoring to a
// new file does not claim an original was kept.
func TestRestoreFromDamagedBackup(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.ledger")
	r.want(ExitOK, "demo", path)
	bad := filepath.Join(dir, "bad.ledger")
	copyFile(t, filepath.Join(damagedFixtures, "flip-a.ledger"), bad)
	before := sum(t, path)
	_, stderr := r.want(ExitRefused, "restore", bad, path)
	if want := r.words.T("error.backup_damaged", nil); !strings.Contains(stderr, want) {
		t.Errorf("restore from a damaged backup: stderr %q, want %q", stderr, want)
	}
	if sum(t, path) != before {
		t.Error("a refused restore changed the ledger")
	}
	fresh := filepath.Join(dir, "新台账.ledger")
	out, _ := r.want(ExitOK, "restore", path, fresh)
	if want := "已用 " + path + " 恢复为 " + fresh; !strings.Contains(out, want) || strings.Contains(out, "原文件") {
		t.Errorf("restore to a new file: got %q, want %q and no word of an original", out, want)
	}
}
