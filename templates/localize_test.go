package templates_test

import (
	"testing"
	"time"

	"ticketgate/templates"
)

func TestLocalWords(t *testing.T) {
	zone := func(name string) *time.Location {
		l, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	for _, c := range []struct{ got, want string }{
		{templates.TargetText(4, templates.Hours, true, "fr"), "4 heures ouvrées"},
		{templates.TargetText(1, templates.Days, true, "fr"), "1 jour ouvré"},
		{templates.TargetText(15, templates.Minutes, true, "fr"), "15 minutes ouvrées"},
		{templates.TargetText(1, templates.Hours, false, "fr"), "1 heure"},
		{templates.TargetText(1, templates.Hours, true, "en"), "1 business hour"},
		{templates.TargetText(2, templates.Days, false, "en"), "2 days"},
		{templates.PriorityLabel(3, "medium", "fr"), "P3 moyenne"},
		{templates.PriorityLabel(1, "critical", "en"), "P1 critical"},
		{templates.PriorityLabel(2, "urgent-ish", "fr"), "P2 urgent-ish"},
		{templates.ZoneName(zone("Europe/Paris"), "fr"), "heure de Paris"},
		{templates.ZoneName(zone("Europe/Paris"), "en"), "Paris time"},
		{templates.ZoneName(zone("Europe/Brussels"), "fr"), "heure de Bruxelles"},
		{templates.ZoneName(zone("America/Toronto"), "fr"), "heure de l'Est"},
		{templates.ZoneName(zone("America/New_York"), "en"), "Eastern Time"},
		{templates.ZoneName(zone("America/Argentina/Buenos_Aires"), "en"), "Buenos Aires time"},
		{templates.DetailName("phone number", "fr"), "numéro de téléphone"},
		{templates.DetailName("contract number", "fr"), "contract number"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
