package templates

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The words the gateway puts into a mail besides the template's own: a
// customer reads every one of them in their language. Names an
// administrator configured are theirs and pass through unchanged; the
// defaults below have each language's wording.

// priorityNames translates the default priority names.
var priorityNames = map[string]map[string]string{
	"fr": {"critical": "critique", "high": "haute", "medium": "moyenne", "low": "basse", "information": "information"},
}

// PriorityLabel names a priority for a reader of lang: "P2 haute". name
// is the configured name ("high"); a default name is translated.
func PriorityLabel(level int, name, lang string) string {
	if tr, ok := priorityNames[lang][strings.ToLower(name)]; ok {
		name = tr
	}
	if name == "" {
		return fmt.Sprintf("P%d", level)
	}
	return fmt.Sprintf("P%d %s", level, name)
}

// Units of a target.
const (
	Minutes = 'm'
	Hours   = 'h'
	Days    = 'd'
)

// TargetText says a target in words: "4 heures ouvrées", "1 business
// day". A target on a 24/7 clock (business false) counts plain time:
// "1 heure", "2 hours".
func TargetText(n int, unit byte, business bool, lang string) string {
	ws, ok := targetWords[lang]
	if !ok {
		ws = targetWords["en"]
	}
	f, ok := ws[unit]
	if !ok {
		return strconv.Itoa(n)
	}
	w := f.many
	switch {
	case business && n == 1:
		w = f.oneBiz
	case business:
		w = f.manyBiz
	case n == 1:
		w = f.one
	}
	return strconv.Itoa(n) + " " + w
}

// targetForms are a unit's words in one language, read-only: every mail
// says its targets, and building the table each time cost more than the
// rest of the function.
type targetForms struct{ one, many, oneBiz, manyBiz string }

var targetWords = map[string]map[byte]targetForms{
	"en": {
		Minutes: {"minute", "minutes", "business minute", "business minutes"},
		Hours:   {"hour", "hours", "business hour", "business hours"},
		Days:    {"day", "days", "business day", "business days"},
	},
	"fr": {
		Minutes: {"minute", "minutes", "minute ouvrée", "minutes ouvrées"},
		Hours:   {"heure", "heures", "heure ouvrée", "heures ouvrées"},
		Days:    {"jour", "jours", "jour ouvré", "jours ouvrés"},
	},
}

// zoneNames are the zones people name by a region rather than a city.
var zoneNames = map[string]map[string]string{
	"en": {
		"America/New_York": "Eastern Time", "America/Toronto": "Eastern Time", "America/Montreal": "Eastern Time",
		"America/Chicago": "Central Time", "America/Winnipeg": "Central Time",
		"America/Denver": "Mountain Time", "America/Edmonton": "Mountain Time",
		"America/Los_Angeles": "Pacific Time", "America/Vancouver": "Pacific Time",
		"Europe/London": "UK time", "UTC": "UTC", "Etc/UTC": "UTC",
	},
	"fr": {
		"America/New_York": "heure de l'Est", "America/Toronto": "heure de l'Est", "America/Montreal": "heure de l'Est",
		"America/Chicago": "heure du Centre", "America/Winnipeg": "heure du Centre",
		"America/Denver": "heure des Rocheuses", "America/Edmonton": "heure des Rocheuses",
		"America/Los_Angeles": "heure du Pacifique", "America/Vancouver": "heure du Pacifique",
		"Europe/London": "heure de Londres", "UTC": "UTC", "Etc/UTC": "UTC",
	},
}

// frCities are French names of cities whose zone a reader may see.
var frCities = map[string]string{
	"Brussels": "Bruxelles", "London": "Londres", "Geneva": "Genève", "Zurich": "Zurich", "Luxembourg": "Luxembourg",
	"Montreal": "Montréal", "Quebec": "Québec", "Algiers": "Alger", "Tunis": "Tunis", "Casablanca": "Casablanca",
	"Amsterdam": "Amsterdam", "Berlin": "Berlin", "Madrid": "Madrid", "Rome": "Rome", "Lisbon": "Lisbonne",
	"Vienna": "Vienne", "Warsaw": "Varsovie", "Athens": "Athènes", "Copenhagen": "Copenhague",
	"Stockholm": "Stockholm", "Dublin": "Dublin", "Prague": "Prague", "Moscow": "Moscou",
	"Reunion": "La Réunion", "Martinique": "la Martinique", "Guadeloupe": "la Guadeloupe", "Noumea": "Nouméa",
}

// ZoneName names a time zone the way a reader of lang says it: "heure de
// Paris", "Paris time", "Eastern Time". An offset without a name stays
// an offset.
func ZoneName(loc *time.Location, lang string) string {
	id := loc.String()
	if id == "Local" || id == "" {
		return ""
	}
	names, ok := zoneNames[lang]
	if !ok {
		lang, names = "en", zoneNames["en"]
	}
	if n, ok := names[id]; ok {
		return n
	}
	i := strings.LastIndexByte(id, '/')
	if i < 0 {
		return id // a fixed zone such as "CET" or "UTC+1"
	}
	city := strings.ReplaceAll(id[i+1:], "_", " ")
	if lang == "fr" {
		if c, ok := frCities[city]; ok {
			city = c
		}
		return "heure de " + city
	}
	return city + " time"
}

// detailNames translates the details the missing-information check knows.
var detailNames = map[string]map[string]string{
	"fr": {
		"phone number":       "numéro de téléphone",
		"serial number":      "numéro de série",
		"steps to reproduce": "étapes pour reproduire le problème",
		"when it started":    "depuis quand le problème se produit",
		"screenshot":         "capture d'écran",
	},
}

// DetailName names a detail the customer left out, in lang.
func DetailName(label, lang string) string {
	if tr, ok := detailNames[lang][strings.ToLower(label)]; ok {
		return tr
	}
	return label
}
