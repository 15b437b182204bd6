// Command coraza-proxy-wasm-host runs coraza-proxy-wasm's plugin (its wasmplugin package: the
// code the Envoy Wasm filter is built from) natively, under the proxy-wasm Go SDK's host emulator,
// on loopback in front of a stand-in model-server backend. It is the request-level proof of the
// WAF an EnvoyExtensionPolicy delivers: the module itself builds only with TinyGo, which is not
// available where these tests run.
//
//	coraza-proxy-wasm-host -listen 127.0.0.1:18090 -backend 127.0.0.1:18091 -plugin-config config.json
//
// -plugin-config is the wasm entry's `config` from the EnvoyExtensionPolicy, as JSON: what Envoy
// Gateway hands the filter as its plugin configuration. Coraza is the version coraza-proxy-wasm's
// go.mod pins (go.mod here requires nothing newer), and the CRS is the one embedded in the plugin.
// Like the released filter, the binary must be built with -tags coraza.rule.multiphase_evaluation,
// and it registers the operators the released filter registers (operators.go: RE2 for @rx).
//
// Each request goes through the plugin as Envoy calls it: request headers, then the whole body
// (Envoy Gateway's buffer filter, placed before Wasm filters, hands it over complete), then, when
// nothing interrupted it, the backend's response headers and body. A local reply the plugin
// sends is the answer; otherwise the backend's.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/corazawaf/coraza-proxy-wasm/wasmplugin"
	"github.com/tetratelabs/proxy-wasm-go-sdk/proxywasm/proxytest"
	"github.com/tetratelabs/proxy-wasm-go-sdk/proxywasm/types"
)

const standInAnswer = `{"id":"stand-in","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"ok"}}]}`

func main() {
	listen := flag.String("listen", "127.0.0.1:18090", "address of the WAF")
	backend := flag.String("backend", "127.0.0.1:18091", "address of the stand-in backend (served by this process)")
	pluginConfig := flag.String("plugin-config", "", "the plugin configuration (JSON), as the EnvoyExtensionPolicy carries it")
	errorLog := flag.String("error-log", "", "file for the plugin's warning and error log lines")
	flag.Parse()
	if !multiphaseEvaluation {
		log.Fatal("built without -tags coraza.rule.multiphase_evaluation: released coraza-proxy-wasm builds evaluate rules in multiple phases")
	}
	if *pluginConfig == "" {
		log.Fatal("-plugin-config is required")
	}
	cfg, err := os.ReadFile(*pluginConfig)
	if err != nil {
		log.Fatal(err)
	}
	registerOperators()
	rx := rxEngine()

	go serveBackend(*backend)

	opt := proxytest.NewEmulatorOption().WithVMContext(wasmplugin.NewVMContext()).WithPluginConfiguration(cfg)
	host, reset := proxytest.NewHostEmulator(opt)
	defer reset()
	if status := host.StartPlugin(); status != types.OnPluginStartStatusOK {
		log.Fatalf("the plugin refused its configuration: %s", strings.Join(host.GetCriticalLogs(), "\n"))
	}

	var logW io.Writer = io.Discard
	if *errorLog != "" {
		f, err := os.OpenFile(*errorLog, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			log.Fatal(err)
		}
		logW = f
	}

	client := &http.Client{Timeout: 30 * time.Second}
	// The emulator is one Envoy worker: one request at a time.
	var mu sync.Mutex
	logged := 0
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		status, headers, answer := inspect(host, client, *backend, r, body)
		// The plugin's log lines since the last request (matched rules are logged at warning level).
		warn := host.GetWarnLogs()
		for _, l := range warn[min(logged, len(warn)):] {
			fmt.Fprintln(logW, l)
		}
		logged = len(warn)
		for _, h := range headers {
			if !strings.HasPrefix(h[0], ":") {
				w.Header().Add(h[0], h[1])
			}
		}
		w.WriteHeader(status)
		_, _ = w.Write(answer)
	})

	srv := &http.Server{Addr: *listen, Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	log.Printf("coraza-proxy-wasm-host rx=%s listening on %s", rx, *listen)
	log.Fatal(srv.ListenAndServe())
}

// inspect runs one request through the plugin and, unless it answers itself, the backend.
func inspect(host proxytest.HostEmulator, client *http.Client, backend string, r *http.Request, body []byte) (int, [][2]string, []byte) {
	id := host.InitializeHttpContext()
	defer host.CompleteHttpContext(id)
	local := func() (int, [][2]string, []byte, bool) {
		if lr := host.GetSentLocalResponse(id); lr != nil {
			return int(lr.StatusCode), lr.Headers, lr.Data, true
		}
		return 0, nil, nil, false
	}

	hdrs := [][2]string{{":method", r.Method}, {":path", r.URL.RequestURI()}, {":authority", r.Host}, {":scheme", "https"}}
	for name, values := range r.Header {
		for _, v := range values {
			hdrs = append(hdrs, [2]string{strings.ToLower(name), v})
		}
	}
	host.CallOnRequestHeaders(id, hdrs, len(body) == 0)
	if s, h, d, ok := local(); ok {
		return s, h, d
	}
	if len(body) > 0 {
		host.CallOnRequestBody(id, body, true)
		if s, h, d, ok := local(); ok {
			return s, h, d
		}
	}

	req, _ := http.NewRequest(r.Method, "http://"+backend+r.URL.RequestURI(), strings.NewReader(string(body)))
	req.Header = r.Header.Clone()
	res, err := client.Do(req)
	if err != nil {
		return http.StatusBadGateway, nil, []byte(err.Error())
	}
	defer res.Body.Close()
	resBody, _ := io.ReadAll(res.Body)
	resHdrs := [][2]string{{":status", fmt.Sprint(res.StatusCode)}}
	for name, values := range res.Header {
		for _, v := range values {
			resHdrs = append(resHdrs, [2]string{strings.ToLower(name), v})
		}
	}
	host.CallOnResponseHeaders(id, resHdrs, len(resBody) == 0)
	if s, h, d, ok := local(); ok {
		return s, h, d
	}
	if len(resBody) > 0 {
		host.CallOnResponseBody(id, resBody, true)
		if s, h, d, ok := local(); ok {
			return s, h, d
		}
	}
	return res.StatusCode, resHdrs, resBody
}

func serveBackend(addr string) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(standInAnswer))
	})
	log.Fatal(http.ListenAndServe(addr, mux))
}
