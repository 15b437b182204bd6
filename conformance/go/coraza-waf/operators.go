package main

import (
	"fmt"

	"github.com/corazawaf/coraza/v3"

	wasilibs "github.com/corazawaf/coraza-wasilibs"
)

// registerOperators selects the implementation of Coraza's pattern operators.
//
//   - "coraza": Coraza's own, as Go servers embedding Coraza run it (Caddy, coraza-spoa, ...):
//     @rx on Go's regexp, @pm on a Go Aho-Corasick, @detectSQLi and @detectXSS on libinjection-go.
//   - "wasilibs": the ones a released coraza-proxy-wasm module registers (coraza-wasilibs, as its
//     TinyGo build does before anything else): @rx on RE2 (C++ RE2 compiled to WebAssembly,
//     go-re2), @pm on go-aho-corasick, @detectSQLi and @detectXSS on libinjection compiled to
//     WebAssembly; here the WebAssembly runs under wazero.
//
// @verifyCC (verifycc.go, not a Coraza operator) keeps Go's regexp either way.
func registerOperators(name string) error {
	switch name {
	case "coraza":
		return nil
	case "wasilibs":
		wasilibs.RegisterRX()
		wasilibs.RegisterPM()
		wasilibs.RegisterSQLi()
		wasilibs.RegisterXSS()
		return nil
	default:
		return fmt.Errorf("-operators must be coraza or wasilibs (got %q)", name)
	}
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
