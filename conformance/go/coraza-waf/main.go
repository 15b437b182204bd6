// Command coraza-waf serves a WAF (Coraza v3) on loopback in front of a stand-in
// model-server backend. It is the Coraza engine of the LLM WAF profile's tests and
// benchmarks.
//
//	coraza-waf -listen 127.0.0.1:18090 -backend 127.0.0.1:18091 -mode profile -rules llm-waf.conf -error-log waf.log
//
// Modes: none (plain proxy), crs (Coraza recommended config + CRS v4 defaults),
// profile (the rules file; its "Include @..." lines resolve in the embedded CRS tree).
// -operators wasilibs runs @rx, @pm, @detectSQLi and @detectXSS as coraza-proxy-wasm does (RE2,
// see operators.go); the default, coraza, keeps Coraza's own (Go's regexp).
// -cost measures Coraza's CPU time per request in-process instead of serving (cost.go):
//
//	coraza-waf -cost -operators wasilibs <host> <body.json> <requests> <rounds> <rules.conf>...
package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	coreruleset "github.com/corazawaf/coraza-coreruleset/v4"
	"github.com/corazawaf/coraza/v3"
	txhttp "github.com/corazawaf/coraza/v3/http"
	"github.com/corazawaf/coraza/v3/types"
)

// rulesFS resolves "@..." includes in the embedded CRS tree (Coraza joins an include
// with the including file's folder, so the "@" part is found anywhere in the path) and
// other paths on disk.
type rulesFS struct{}

func (rulesFS) Open(name string) (fs.File, error) {
	if i := strings.Index(name, "@"); i == 0 || (i > 0 && name[i-1] == '/') {
		return coreruleset.FS.Open(name[i:])
	}
	return os.Open(name)
}

func main() {
	listen := flag.String("listen", "127.0.0.1:18090", "address of the WAF")
	backend := flag.String("backend", "127.0.0.1:18091", "address of the stand-in backend (served by this process)")
	mode := flag.String("mode", "profile", "none | crs | profile")
	rules := flag.String("rules", "", "rules file (mode profile)")
	errorLog := flag.String("error-log", "", "file for matched-rule log lines (ModSecurity-like format, read by go-ftw)")
	backendKeepalive := flag.Bool("backend-keepalive", true, "keep connections to the backend open between requests")
	operators := flag.String("operators", "coraza", "coraza (Coraza's own: Go's regexp) | wasilibs (coraza-proxy-wasm's: RE2)")
	cost := flag.Bool("cost", false, "measure CPU time per request in-process (no server): <host> <body.json> <requests> <rounds> <rules.conf>...")
	flag.Parse()
	if err := registerOperators(*operators); err != nil {
		log.Fatal(err)
	}
	if *cost {
		os.Exit(runCost(flag.Args(), *operators, os.Stdout))
	}
	rx := rxEngine()

	go serveBackend(*backend)

	// Matched-rule lines are written unbuffered: go-ftw reads them while the test runs.
	var logMu sync.Mutex
	var logW io.Writer = io.Discard
	if *errorLog != "" {
		f, err := os.OpenFile(*errorLog, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			log.Fatal(err)
		}
		logW = f
	}

	target, _ := url.Parse("http://" + *backend)
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.Transport = &http.Transport{MaxIdleConnsPerHost: 256, IdleConnTimeout: 90 * time.Second, DisableKeepAlives: !*backendKeepalive}
	var handler http.Handler = proxy

	if *mode != "none" {
		cfg := coraza.NewWAFConfig().WithRootFS(rulesFS{}).WithErrorCallback(func(mr types.MatchedRule) {
			logMu.Lock()
			defer logMu.Unlock()
			fmt.Fprintln(logW, mr.ErrorLog())
		})
		switch *mode {
		case "crs":
			cfg = cfg.WithDirectives("Include @coraza.conf-recommended\nSecRuleEngine On\nInclude @crs-setup.conf.example\nInclude @owasp_crs/*.conf")
		case "profile":
			if *rules == "" {
				log.Fatal("-rules is required with -mode profile")
			}
			cfg = cfg.WithDirectivesFromFile(*rules)
		default:
			log.Fatalf("unknown mode %q", *mode)
		}
		waf, err := coraza.NewWAF(cfg)
		if err != nil {
			log.Fatalf("loading rules: %v", err)
		}
		handler = txhttp.WrapHandler(waf, proxy)
	}

	srv := &http.Server{Addr: *listen, Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	log.Printf("coraza-waf mode=%s operators=%s rx=%s listening on %s", *mode, *operators, rx, *listen)
	log.Fatal(srv.ListenAndServe())
}

func serveBackend(addr string) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"stand-in","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"ok"}}]}`))
	})
	log.Fatal(http.ListenAndServe(addr, mux))
}
