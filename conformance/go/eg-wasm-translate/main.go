// Command eg-wasm-translate is Envoy Gateway's own translator (the code `egctl x translate` runs),
// given what the controller gives it and `egctl x translate` does not:
//
//   - a Wasm cache: egctl builds its translator without one and refuses every Wasm extension
//     ("wasm cache is not initialized"), while the controller fetches each module through its
//     cache. This tool fetches the module the EnvoyExtensionPolicy names (the test serves one on
//     127.0.0.1) and checks its SHA-256 as the controller does;
//   - its namespace: the controller's translator looks the OIDC cookie-signing Secret
//     (envoy-oidc-hmac, key hmac-secret, made by Envoy Gateway's certgen job) up in the namespace
//     the controller runs in, and its Kubernetes provider adds that Secret to the translator's
//     input. egctl leaves the namespace empty, so it refuses every OIDC SecurityPolicy ("HMAC
//     secret /envoy-oidc-hmac not found"). Here the input carries the Secret in the namespace
//     given by -controller-namespace, as the provider reads it from the API server.
//
// It prints the translated Gateway API resources (with their statuses), per Gateway its xDS
// listeners, and per Gateway every xDS resource (bootstrap, listeners, routes, clusters,
// endpoints, secrets) in proto JSON.
//
//	eg-wasm-translate -f input.yaml -cache-dir DIR [-controller-namespace NS] > out.json
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

	"sigs.k8s.io/yaml"

	resourcev3 "github.com/envoyproxy/go-control-plane/pkg/resource/v3"
	"google.golang.org/protobuf/encoding/protojson"
	gwapiv1 "sigs.k8s.io/gateway-api/apis/v1"

	egv1a1 "github.com/envoyproxy/gateway/api/v1alpha1"
	"github.com/envoyproxy/gateway/internal/gatewayapi"
	"github.com/envoyproxy/gateway/internal/gatewayapi/resource"
	"github.com/envoyproxy/gateway/internal/infrastructure/kubernetes/ratelimit"
	"github.com/envoyproxy/gateway/internal/logging"
	"github.com/envoyproxy/gateway/internal/wasm"
	"github.com/envoyproxy/gateway/internal/xds/bootstrap"
	"github.com/envoyproxy/gateway/internal/xds/translator"
)

func main() {
	in := flag.String("f", "", "the Gateway API input (multi-document YAML, as for egctl x translate)")
	cacheDir := flag.String("cache-dir", "", "the Wasm cache's folder")
	controllerNamespace := flag.String("controller-namespace", "envoy-gateway-system",
		"the namespace Envoy Gateway's controller runs in (where it reads its envoy-oidc-hmac Secret)")
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
	cache := wasm.NewHTTPServerWithFileCache(wasm.ServerOptions{Salt: []byte("cdk8s-secure-ai")}, wasm.CacheOptions{CacheDir: *cacheDir}, *controllerNamespace, logger)
	for _, svc := range resources.Services {
		if svc.Spec.ClusterIP == "" {
			svc.Spec.ClusterIP = "10.96.1.2"
		}
	}
	// The same settings as egctl x translate, plus the Wasm cache and the controller's namespace.
	t := &gatewayapi.Translator{
		ControllerNamespace:     *controllerNamespace,
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

	rendered, err := bootstrap.GetRenderedBootstrapConfig(nil)
	if err != nil {
		log.Fatal(err)
	}
	bootstrapJSON, err := yaml.YAMLToJSON([]byte(rendered))
	if err != nil {
		log.Fatal(err)
	}
	listeners := map[string][]json.RawMessage{}
	xds := map[string]map[string]any{}
	keys := make([]string, 0, len(result.XdsIR))
	for k := range result.XdsIR {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		// The same settings as egctl x translate.
		xt := &translator.Translator{
			GlobalRateLimit: &translator.GlobalRateLimitSettings{ServiceURL: ratelimit.GetServiceURL(*controllerNamespace, "cluster.local")},
			Logger:          logger,
		}
		if resources.EnvoyProxyForGatewayClass != nil {
			xt.FilterOrder = resources.EnvoyProxyForGatewayClass.Spec.FilterOrder
		}
		table, err := xt.Translate(context.Background(), result.XdsIR[k])
		if err != nil {
			log.Fatalf("xds for %s: %v", k, err)
		}
		all := map[string]any{"bootstrap": json.RawMessage(bootstrapJSON)}
		for name, typ := range map[string]string{
			"listeners": resourcev3.ListenerType, "routes": resourcev3.RouteType, "clusters": resourcev3.ClusterType,
			"endpoints": resourcev3.EndpointType, "secrets": resourcev3.SecretType,
		} {
			list := []json.RawMessage{}
			for _, r := range table.XdsResources[typ] {
				b, err := protojson.Marshal(r)
				if err != nil {
					log.Fatal(err)
				}
				list = append(list, b)
			}
			all[name] = list
		}
		listeners[k] = all["listeners"].([]json.RawMessage)
		xds[k] = all
	}
	out := map[string]any{"resources": result.Resources, "listeners": listeners, "xds": xds}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		log.Fatal(err)
	}
}
