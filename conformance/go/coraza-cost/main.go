// Command coraza-cost measures the CPU time Coraza v3 spends on one request, in-process (no
// HTTP server, no network), for several rules files side by side: Coraza's counterpart of
// conformance/c/msc-cost.
//
//	coraza-cost <host> <body.json> <requests> <rounds> <rules.conf>...
//
// Each round runs <requests> transactions per rules file (after a tenth as warm-up): connection,
// URI, headers, the JSON body, request-body phase, logging. The best round per file is printed as
// "<microseconds per request> <blocked> <rules file>". The time is the process's CPU time (user and
// system), on one scheduler thread, so that other work on a shared machine inflates it little.
// "Include @..." lines resolve in the embedded CRS tree, as in conformance/go/coraza-waf.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	coreruleset "github.com/corazawaf/coraza-coreruleset/v4"
	"github.com/corazawaf/coraza/v3"
)

type rulesFS struct{}

func (rulesFS) Open(name string) (fs.File, error) {
	if i := strings.Index(name, "@"); i == 0 || (i > 0 && name[i-1] == '/') {
		return coreruleset.FS.Open(name[i:])
	}
	return os.Open(name)
}

// cpuSeconds is the process's user and system CPU time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

// one runs a request through the WAF and tells whether it was interrupted.
func one(waf coraza.WAF, host string, body []byte) bool {
	tx := waf.NewTransaction()
	defer tx.Close()
	tx.ProcessConnection("127.0.0.1", 40000, "127.0.0.1", 80)
	tx.ProcessURI("/v1/chat/completions", "POST", "HTTP/1.1")
	tx.AddRequestHeader("Host", host)
	tx.SetServerName(host)
	tx.AddRequestHeader("Content-Type", "application/json")
	tx.AddRequestHeader("Content-Length", strconv.Itoa(len(body)))
	tx.AddRequestHeader("User-Agent", "coraza-cost")
	defer tx.ProcessLogging()
	if it := tx.ProcessRequestHeaders(); it != nil {
		return true
	}
	if it, _, err := tx.WriteRequestBody(body); err != nil || it != nil {
		return true
	}
	it, err := tx.ProcessRequestBody()
	return err != nil || it != nil
}

func main() {
	if len(os.Args) < 6 {
		fmt.Fprintln(os.Stderr, "usage: coraza-cost <host> <body.json> <requests> <rounds> <rules.conf>...")
		os.Exit(2)
	}
	runtime.GOMAXPROCS(1)
	host := os.Args[1]
	body, err := os.ReadFile(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	n, errN := strconv.Atoi(os.Args[3])
	rounds, errR := strconv.Atoi(os.Args[4])
	if errN != nil || errR != nil || n < 1 || rounds < 1 {
		fmt.Fprintln(os.Stderr, "coraza-cost: requests and rounds must be positive")
		os.Exit(2)
	}
	files := os.Args[5:]
	wafs := make([]coraza.WAF, len(files))
	for i, f := range files {
		w, err := coraza.NewWAF(coraza.NewWAFConfig().WithRootFS(rulesFS{}).WithDirectivesFromFile(f))
		if err != nil {
			fmt.Fprintf(os.Stderr, "coraza-cost: %s: %v\n", f, err)
			os.Exit(2)
		}
		wafs[i] = w
	}
	best := make([]float64, len(files))
	blocked := make([]int, len(files))
	for r := 0; r < rounds; r++ {
		for i, w := range wafs {
			for k := 0; k < n/10+1; k++ {
				one(w, host, body)
			}
			t := cpuSeconds()
			for k := 0; k < n; k++ {
				blocked[i] = 0
				if one(w, host, body) {
					blocked[i] = 1
				}
			}
			us := (cpuSeconds() - t) / float64(n) * 1e6
			if r == 0 || us < best[i] {
				best[i] = us
			}
		}
	}
	for i, f := range files {
		fmt.Printf("%.1f %d %s\n", best[i], blocked[i], f)
	}
}
