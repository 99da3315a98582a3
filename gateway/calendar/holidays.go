package calendar

import (
	"sort"

	"github.com/rickar/cal/v2"
	austria "github.com/rickar/cal/v2/at"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/es"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/nz"
	"github.com/rickar/cal/v2/us"
)

// holidaySets are the public holidays by country (ISO 3166 code) and, where
// the holiday library has them, region ("DE-BY", "CH-GE").
var holidaySets = map[string][]*cal.Holiday{
	"AT": austria.Holidays, "BE": be.Holidays, "CA": ca.Holidays, "CH": ch.Holidays, "DE": de.Holidays,
	"ES": es.Holidays, "FR": fr.Holidays, "GB": gb.Holidays, "IE": ie.Holidays, "IT": it.Holidays,
	"NL": nl.Holidays, "NZ": nz.Holidays, "US": us.Holidays,
	"DE-BW": de.HolidaysBW, "DE-BY": de.HolidaysBY, "DE-BE": de.HolidaysBE, "DE-HH": de.HolidaysHH,
	"DE-HE": de.HolidaysHE, "DE-NW": de.HolidaysNW, "DE-SN": de.HolidaysSN,
	"CH-GE": ch.HolidaysGE, "CH-VD": ch.HolidaysVD, "CH-ZH": ch.HolidaysZH, "CH-BE": ch.HolidaysBE,
	"CH-NE": ch.HolidaysNE, "CH-FR": ch.HolidaysFR, "CH-VS": ch.HolidaysVS, "CH-JU": ch.HolidaysJU,
}

// Countries lists the holiday sets known, sorted.
func Countries() []string {
	out := make([]string, 0, len(holidaySets))
	for k := range holidaySets {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
