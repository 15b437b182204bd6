// Command crdcheck validates generated CustomResourceDefinition files with the
// same validation code the kube-apiserver runs when a CRD is created
// (k8s.io/apiextensions-apiserver), plus a few project rules: every file holds
// exactly one apiextensions.k8s.io/v1 CRD, at least one version is served, exactly
// one version is the storage version, and every version has a structural schema.
// A version that is not served is allowed: released bundles (Gateway API) keep a
// withdrawn version, unserved, so that objects stored under it can still be read.
//
// Usage: crdcheck FILE.yaml...
package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/install"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/yaml"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: crdcheck FILE.yaml...")
		os.Exit(2)
	}
	scheme := runtime.NewScheme()
	install.Install(scheme)

	failed := 0
	for _, path := range os.Args[1:] {
		summary, problems := check(scheme, path)
		if len(problems) > 0 {
			failed++
			for _, p := range problems {
				fmt.Fprintf(os.Stderr, "FAIL %s: %s\n", path, p)
			}
			continue
		}
		fmt.Printf("ok   %s: %s\n", path, summary)
	}
	fmt.Printf("%d passed, %d failed\n", len(os.Args)-1-failed, failed)
	if failed > 0 {
		os.Exit(1)
	}
}

func check(scheme *runtime.Scheme, path string) (string, []string) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", []string{err.Error()}
	}
	if docs := countDocuments(string(data)); docs != 1 {
		return "", []string{fmt.Sprintf("expected exactly one YAML document, found %d", docs)}
	}

	var crd apiextensionsv1.CustomResourceDefinition
	if err := yaml.UnmarshalStrict(data, &crd); err != nil {
		return "", []string{fmt.Sprintf("not a valid apiextensions.k8s.io/v1 CustomResourceDefinition: %v", err)}
	}

	var problems []string
	if crd.APIVersion != "apiextensions.k8s.io/v1" || crd.Kind != "CustomResourceDefinition" {
		problems = append(problems, fmt.Sprintf("apiVersion/kind is %q/%q, want apiextensions.k8s.io/v1/CustomResourceDefinition", crd.APIVersion, crd.Kind))
	}
	if want := crd.Spec.Names.Plural + "." + crd.Spec.Group; crd.Name != want {
		problems = append(problems, fmt.Sprintf("metadata.name is %q, want %q", crd.Name, want))
	}
	storage := []string{}
	served := 0
	for _, v := range crd.Spec.Versions {
		if v.Served {
			served++
		}
		if v.Storage {
			storage = append(storage, v.Name)
		}
		if v.Schema == nil || v.Schema.OpenAPIV3Schema == nil {
			problems = append(problems, fmt.Sprintf("version %s has no openAPIV3Schema", v.Name))
		}
	}
	if served == 0 {
		problems = append(problems, "no version is served")
	}
	if len(storage) != 1 {
		problems = append(problems, fmt.Sprintf("want exactly one storage version, found %v", storage))
	}

	// The API server defaults, converts to the internal version and validates.
	scheme.Default(&crd)
	var internal apiextensions.CustomResourceDefinition
	if err := scheme.Convert(&crd, &internal, nil); err != nil {
		return "", append(problems, fmt.Sprintf("conversion to the internal version failed: %v", err))
	}
	for _, e := range validation.ValidateCustomResourceDefinition(context.Background(), &internal) {
		problems = append(problems, e.Error())
	}
	if len(problems) > 0 {
		return "", problems
	}

	versions := make([]string, 0, len(crd.Spec.Versions))
	for _, v := range crd.Spec.Versions {
		versions = append(versions, v.Name)
	}
	return fmt.Sprintf("%s kind=%s scope=%s versions=%s storage=%s",
		crd.Spec.Group, crd.Spec.Names.Kind, crd.Spec.Scope,
		strings.Join(versions, ","), storage[0]), nil
}

// countDocuments counts the non-empty documents of a YAML stream.
func countDocuments(text string) int {
	n := 0
	for _, doc := range strings.Split("\n"+text, "\n---") {
		if strings.TrimSpace(stripComments(doc)) != "" {
			n++
		}
	}
	return n
}

func stripComments(doc string) string {
	var b strings.Builder
	for _, line := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			b.WriteString(line)
			b.WriteString("\n")
		}
	}
	return b.String()
}
