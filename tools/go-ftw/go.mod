module github.com/cdk8s-secure-ai/cdk8s-secure-ai/tools/go-ftw

go 1.25.0
