module github.com/cdk8s-secure-ai/cdk8s-secure-ai/tools/coraza-proxy-wasm-host

go 1.25.0

require (
	github.com/corazawaf/coraza-proxy-wasm v0.0.0-20260824140537-b1770f5b0be3
	github.com/corazawaf/coraza-wasilibs v0.2.0
	github.com/corazawaf/coraza/v3 v3.3.3
	github.com/tetratelabs/proxy-wasm-go-sdk v0.24.0
)

require (
	github.com/corazawaf/libinjection-go v0.2.2 // indirect
	github.com/magefile/mage v1.15.1-0.20241126214340-bdc92f694516 // indirect
	github.com/petar-dambovaliev/aho-corasick v0.0.0-20240411101913-e07a1f0e8eb4 // indirect
	github.com/tetratelabs/wazero v1.12.0 // indirect
	github.com/tidwall/gjson v1.18.0 // indirect
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.2.1 // indirect
	github.com/valllabh/ocsf-schema-golang v1.0.3 // indirect
	github.com/wasilibs/go-aho-corasick v0.6.0 // indirect
	github.com/wasilibs/go-libinjection v0.5.0 // indirect
	github.com/wasilibs/go-re2 v1.6.0 // indirect
	golang.org/x/net v0.37.0 // indirect
	golang.org/x/sync v0.12.0 // indirect
	golang.org/x/sys v0.44.0 // indirect
	google.golang.org/protobuf v1.35.1 // indirect
	rsc.io/binaryregexp v0.2.0 // indirect
)
