package main

// The harness's -cost mode measures the CPU time Coraza v3 spends on one request, in-process (no
// HTTP server, no network), for several rules files side by side, with the operators -operators
// selects: Coraza's counterpart of conformance/c/msc-cost.
//
//	coraza-waf -cost [-operators coraza|wasilibs] <host> <body.json> <requests> <rounds> <rules.conf>...
//
// The first line printed is "coraza-waf cost operators=<name> rx=<engine>" (rxEngine), so that the
// caller can check which @rx engine the figures are of. Each round runs <requests> transactions per
// rules file (after a tenth as warm-up): connection, URI, headers, the JSON body, request-body
// phase, logging. The best round per file is printed as "<microseconds per request> <blocked>
// <rules file>". The time is the process's CPU time (user and system), on one scheduler thread, so
// that other work on a shared machine inflates it little. "Include @..." lines resolve in the
// embedded CRS tree (rulesFS). COST_TRANSACTION_ID_PREFIX, when set, starts every transaction id
// (the marker ingress-nginx's modsecurity-transaction-id gives a location's requests).

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"syscall"

	"github.com/corazawaf/coraza/v3"
	"github.com/corazawaf/coraza/v3/types"
)

// cpuSeconds is the process's user and system CPU time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

// costOne runs a request through the WAF and tells whether it was interrupted. Its transaction id
// is idPrefix followed by a number (a marker such as an ingress-nginx modsecurity-transaction-id),
// or Coraza's own when idPrefix is empty.
func costOne(waf coraza.WAF, host string, body []byte, idPrefix string, i int) bool {
	var tx types.Transaction
	if idPrefix == "" {
		tx = waf.NewTransaction()
	} else {
		tx = waf.NewTransactionWithID(idPrefix + strconv.Itoa(i))
	}
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

// runCost is the -cost mode: args are the positional arguments, operators the -operators name
// (already registered), out where the lines go. It returns the process exit code.
func runCost(args []string, operators string, out io.Writer) int {
	if len(args) < 5 {
		fmt.Fprintln(os.Stderr, "usage: coraza-waf -cost [-operators coraza|wasilibs] <host> <body.json> <requests> <rounds> <rules.conf>...")
		return 2
	}
	runtime.GOMAXPROCS(1)
	host := args[0]
	body, err := os.ReadFile(args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	n, errN := strconv.Atoi(args[2])
	rounds, errR := strconv.Atoi(args[3])
	if errN != nil || errR != nil || n < 1 || rounds < 1 {
		fmt.Fprintln(os.Stderr, "coraza-waf -cost: requests and rounds must be positive")
		return 2
	}
	fmt.Fprintf(out, "coraza-waf cost operators=%s rx=%s\n", operators, rxEngine())
	files := args[4:]
	idPrefix := os.Getenv("COST_TRANSACTION_ID_PREFIX")
	wafs := make([]coraza.WAF, len(files))
	for i, f := range files {
		w, err := coraza.NewWAF(coraza.NewWAFConfig().WithRootFS(rulesFS{}).WithDirectivesFromFile(f))
		if err != nil {
			fmt.Fprintf(os.Stderr, "coraza-waf -cost: %s: %v\n", f, err)
			return 2
		}
		wafs[i] = w
	}
	best := make([]float64, len(files))
	blocked := make([]int, len(files))
	for r := 0; r < rounds; r++ {
		for i, w := range wafs {
			for k := 0; k < n/10+1; k++ {
				costOne(w, host, body, idPrefix, k)
			}
			t := cpuSeconds()
			for k := 0; k < n; k++ {
				blocked[i] = 0
				if costOne(w, host, body, idPrefix, k) {
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
		fmt.Fprintf(out, "%.1f %d %s\n", best[i], blocked[i], f)
	}
	return 0
}
