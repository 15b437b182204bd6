//go:build tools

// Package tools pins go-ftw, the OWASP CRS regression test runner, so that
// scripts/waf/install.sh builds it from the Go module proxy at a fixed version.
package tools

import _ "github.com/coreruleset/go-ftw"
