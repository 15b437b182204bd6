package main

import (
	"regexp"

	"github.com/corazawaf/coraza/v3/experimental/plugins"
	"github.com/corazawaf/coraza/v3/experimental/plugins/plugintypes"
)

// verifyCC is ModSecurity's @verifyCC operator (a card-number regex whose matches must
// pass the Luhn check), which Coraza does not ship. Registered so that the same rules
// file runs on both engines.
type verifyCC struct{ re *regexp.Regexp }

func (o *verifyCC) Evaluate(tx plugintypes.TransactionState, value string) bool {
	for _, m := range o.re.FindAllString(value, 32) {
		if luhn(m) {
			if tx != nil && tx.Capturing() {
				tx.CaptureField(0, m)
			}
			return true
		}
	}
	return false
}

func luhn(s string) bool {
	sum, n := 0, 0
	for i := len(s) - 1; i >= 0; i-- {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		d := int(c - '0')
		if n%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		n++
	}
	return n >= 12 && sum%10 == 0
}

func init() {
	plugins.RegisterOperator("verifyCC", func(opts plugintypes.OperatorOptions) (plugintypes.Operator, error) {
		re, err := regexp.Compile(opts.Arguments)
		if err != nil {
			return nil, err
		}
		return &verifyCC{re: re}, nil
	})
}
