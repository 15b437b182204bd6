// Command eg-wasm-translate is Envoy Gateway's own translator (the code `egctl x translate` runs),
// given the Wasm cache that `egctl x translate` lacks: egctl builds its translator without one and
// refuses every Wasm extension ("wasm cache is not initialized"), while the controller fetches each
// module through its cache. This tool fetches the module the EnvoyExtensionPolicy names (the test
// serves one on 127.0.0.1), checks its SHA-256 as the controller does, and prints the translated
// Gateway API resources (with their statuses) and, per Gateway, its xDS listeners.
//
//	eg-wasm-translate -f input.yaml -cache-dir DIR > out.json
//
// Its module path sits under github.com/envoyproxy/gateway because the translator's packages are
// internal to that module; it requires Envoy Gateway at the version egctl is (versions.env).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"log"
	"os"
	"sort"

	resourcev3 "github.com/envoyproxy/go-control-plane/pkg/resource/v3"
	"google.golang.org/protobuf/encoding/protojson"
	gwapiv1 "sigs.k8s.io/gateway-api/apis/v1"

	egv1a1 "github.com/envoyproxy/gateway/api/v1alpha1"
	"github.com/envoyproxy/gateway/internal/gatewayapi"
	"github.com/envoyproxy/gateway/internal/gatewayapi/resource"
	"github.com/envoyproxy/gateway/internal/logging"
	"github.com/envoyproxy/gateway/internal/wasm"
	"github.com/envoyproxy/gateway/internal/xds/translator"
)

func main() {
	in := flag.String("f", "", "the Gateway API input (multi-document YAML, as for egctl x translate)")
	cacheDir := flag.String("cache-dir", "", "the Wasm cache's folder")
	flag.Parse()
	if *in == "" || *cacheDir == "" {
		log.Fatal("-f and -cache-dir are required")
	}
	data, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	resources, err := resource.LoadResourcesFromYAMLBytes(data, true, nil)
	if err != nil {
		log.Fatal(err)
	}
	if resources.GatewayClass == nil {
		log.Fatal("the GatewayClass resource is required")
	}
	logger := logging.DefaultLogger(io.Discard, egv1a1.LogLevelInfo)
	cache := wasm.NewHTTPServerWithFileCache(wasm.ServerOptions{Salt: []byte("cdk8s-secure-ai")}, wasm.CacheOptions{CacheDir: *cacheDir}, "envoy-gateway-system", logger)
	for _, svc := range resources.Services {
		if svc.Spec.ClusterIP == "" {
			svc.Spec.ClusterIP = "10.96.1.2"
		}
	}
	// The same settings as egctl x translate, plus the Wasm cache.
	t := &gatewayapi.Translator{
		GatewayControllerName:   string(resources.GatewayClass.Spec.ControllerName),
		GatewayClassName:        gwapiv1.ObjectName(resources.GatewayClass.Name),
		GlobalRateLimitEnabled:  true,
		EndpointRoutingDisabled: true,
		EnvoyPatchPolicyEnabled: true,
		BackendEnabled:          true,
		WasmCache:               cache,
		Logger:                  logger,
	}
	result, _ := t.Translate(context.Background(), resources)

	listeners := map[string][]json.RawMessage{}
	keys := make([]string, 0, len(result.XdsIR))
	for k := range result.XdsIR {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		xt := &translator.Translator{Logger: logger}
		table, err := xt.Translate(context.Background(), result.XdsIR[k])
		if err != nil {
			log.Fatalf("xds for %s: %v", k, err)
		}
		for _, l := range table.XdsResources[resourcev3.ListenerType] {
			b, err := protojson.Marshal(l)
			if err != nil {
				log.Fatal(err)
			}
			listeners[k] = append(listeners[k], b)
		}
	}
	out := map[string]any{"resources": result.Resources, "listeners": listeners}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		log.Fatal(err)
	}
}
