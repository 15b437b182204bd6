//go:build tools

// Package crdgen pins the code generator and the upstream API type packages
// from which the CustomResourceDefinitions used by cdk8s-secure-ai are
// generated. Nothing here is compiled into the library: the blank imports
// only keep `go mod tidy` from dropping the modules.
package crdgen

import (
	// cert-manager.io/v1: Certificate, CertificateRequest, Issuer, ClusterIssuer.
	_ "github.com/cert-manager/cert-manager/pkg/apis/certmanager/v1"
	// k8s.nginx.org/v1: Policy, VirtualServer, VirtualServerRoute.
	_ "github.com/nginxinc/kubernetes-ingress/pkg/apis/configuration/v1"
	// gateway.networking.k8s.io/v1: Gateway, GatewayClass, HTTPRoute, GRPCRoute, ReferenceGrant, ...
	_ "sigs.k8s.io/gateway-api/apis/v1"
	// gateway.envoyproxy.io/v1alpha1: SecurityPolicy, BackendTrafficPolicy, ClientTrafficPolicy, EnvoyExtensionPolicy, ...
	_ "github.com/envoyproxy/gateway/api/v1alpha1"
	// inference.networking.k8s.io/v1: InferencePool (released CRDs read from config/crd/bases).
	_ "sigs.k8s.io/gateway-api-inference-extension/api/v1"
	// controller-gen, the CRD generator.
	_ "sigs.k8s.io/controller-tools/cmd/controller-gen"
)
