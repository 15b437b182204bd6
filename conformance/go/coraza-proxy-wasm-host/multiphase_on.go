//go:build coraza.rule.multiphase_evaluation

package main

// multiphaseEvaluation is true in a build with the tag released coraza-proxy-wasm builds use.
const multiphaseEvaluation = true
