package main

import (
	wasilibs "github.com/corazawaf/coraza-wasilibs"
	"github.com/corazawaf/coraza/v3"
)

// registerOperators registers the operators a released coraza-proxy-wasm module runs, as its
// main does before anything else (internal/operators, built with TinyGo): @rx on RE2 (C++ RE2
// compiled to WebAssembly, go-re2), @pm on go-aho-corasick, @detectSQLi and @detectXSS on
// libinjection compiled to WebAssembly, all from coraza-wasilibs. In a plain Go build the
// plugin would otherwise keep Coraza's own operators (Go's regexp for @rx), which is not the
// engine Envoy loads. Here the WebAssembly libraries run under wazero.
func registerOperators() {
	wasilibs.RegisterRX()
	wasilibs.RegisterPM()
	wasilibs.RegisterSQLi()
	wasilibs.RegisterXSS()
}

// rxEngine names the regular expression engine @rx runs on, found by what it accepts: `\C` (any
// one byte) is RE2 syntax that Go's regexp refuses. Printed at startup, where the tests read it as
// the proof of which engine answers.
func rxEngine() string {
	_, err := coraza.NewWAF(coraza.NewWAFConfig().WithDirectives(`SecRule ARGS "@rx \C" "id:1,phase:1,pass,nolog"`))
	if err == nil {
		return "re2"
	}
	return "go-regexp"
}
