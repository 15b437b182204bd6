//go:build tools

// Package tools pins the netpolicy command built by conformance/engines/install.sh.
package tools

import (
	_ "github.com/np-guard/netpol-analyzer/cmd/netpolicy"
)
