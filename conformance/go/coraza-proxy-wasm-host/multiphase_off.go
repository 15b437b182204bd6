//go:build !coraza.rule.multiphase_evaluation

package main

// multiphaseEvaluation is false without the tag: main refuses to run.
const multiphaseEvaluation = false
