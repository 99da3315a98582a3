package classify_test

import (
	"strings"
	"testing"

	"ticketgate/gateway/triage/classify"
)

// Each case is a kind of evidence the classifier must weigh; want lists
// the accepted levels, reason a piece of the reason it must give.
func TestClassify(t *testing.T) {
	tests := []struct {
		name, subject, body string
		want                []int
		reason              string
	}{
		// The failures listed at the top of issue 11.
		{"issue: no till can take payment", "", "aucune de nos caisses ne peut encaisser depuis 9h, tout le magasin est bloqué", []int{1}, `scope "aucune de nos caisses"`},
		{"issue: whole site unusable, losing sales", "", "Since the update the whole site is unusable for all our customers, we are losing sales", []int{1}, "losing sales"},
		{"issue: reports and the accounting department", "", "Les rapports ne s'exécutent plus, le service comptable est bloqué", []int{2}, `scope "le service comptable"`},
		{"issue: not blocking", "Affichage", "Le logo est un peu décalé sur le ticket, ce n'est pas bloquant.", []int{4}, "cosmetic"},
		{"issue: nothing is down", "", "Nothing is down but the export button is greyed out since this morning.", []int{3, 4}, ""},
		{"issue: if the desks ever broke down", "", "If the ticket desks ever broke down, what is the procedure?", []int{5}, "question"},
		{"issue: subject Question over an outage", "Question", "Bonjour, plus aucune caisse ne fonctionne dans nos magasins depuis ce matin.", []int{1}, "plus aucune caisse"},
		{"issue: CRITICAL on an incomplete report", "CRITICAL: report", "The monthly report is slightly incomplete, one column is missing, I can add it by hand for now.", []int{3, 4}, `outweighed "CRITICAL"`},
		{"issue: quoted error does not cap an outage", "", "Depuis 8h le site affiche \"erreur 500\" pour tous les utilisateurs, plus rien ne fonctionne, nous ne pouvons plus vendre.", []int{1}, ""},
		{"issue: change the colour", "", "Could you change the colour of the header on the booking page?", []int{4}, ""},
		{"issue: where is the invoice", "", "Bonjour, où trouver la facture de novembre ?", []int{5}, ""},
		{"issue: pricing question", "Tarifs", "Bonjour, quel est le prix d'une licence supplémentaire ?", []int{5}, "pricing"},
		{"issue: during Sunday's maintenance?", "", "Les bornes fonctionneront-elles pendant la maintenance de dimanche ?", []int{5}, ""},

		// Scope.
		{"scope: everyone", "", "Personne ne peut se connecter à la plateforme depuis ce matin.", []int{1}, `scope "Personne ne peut"`},
		{"scope: a department", "", "Nobody in our finance department can log in since this morning.", []int{2}, "finance department"},
		{"scope: one user", "", "One of our cashiers cannot log in to her till, everyone else is fine.", []int{3, 4}, `scope "One of our cashiers"`},
		{"scope: one of several shops", "", "Our Galway shop's tills are offline since 9:30. Dublin and Cork are trading normally.", []int{2}, ""},
		{"scope: all of one site while the others work", "", "Toutes les caisses de notre magasin de Quimper ne peuvent plus encaisser. Brest et Lorient fonctionnent.", []int{2}, "others work"},
		{"scope: one named office of several", "", "Since this morning all meeting rooms in our Rotterdam office are offline. Our offices in Antwerp and Hamburg are working normal.", []int{2}, "others work"},
		{"scope: one of our, whatever the noun", "", "One of our architects can't share her screen in Room B, the display says no signal. Everyone else's laptops work fine.", []int{3, 4}, `scope "One of our"`},
		{"scope: the back till, the front one fine", "", "The cash drawer on the back till doesn't open by itself after a cash sale anymore. Front till is fine.", []int{4}, `scope "the back till"`},
		{"severity: passive, n'est pas détectée", "", "Quand je branche mon portable dans la salle Atelier, la barre de son n'est pas détectée. Mes collègues n'ont aucun problème.", []int{4}, "not working"},
		{"scope: some tills of many", "", "Card payments are failing on 4 of our 8 tills, the queues are long.", []int{2}, `scope "4 of our 8 tills"`},
		{"scope: all our numbered tills", "", "Nos 5 caisses sont bloquées depuis l'ouverture.", []int{1}, `scope "Nos 5 caisses"`},

		// What is broken, how badly.
		{"function: printer", "", "The receipt printer on till 2 has stopped printing.", []int{3}, "a printer"},
		{"function: login for all", "", "None of our staff can log in since the password change.", []int{1, 2}, "login"},
		{"severity: slow", "", "The customer search screen is very slow since last week, 15 seconds per search.", []int{3}, "slow"},
		{"severity: intermittent", "", "Sometimes the kiosk freezes for a minute, then it recovers.", []int{3}, ""},
		{"severity: boot loop", "", "Toutes nos caisses redémarrent en boucle depuis la mise à jour.", []int{1}, "redémarrent en boucle"},
		{"severity: cosmetic", "", "The font on the confirmation email is wrong, it's just the look.", []int{4}, "cosmetic"},

		{"severity: the wrong language on a screen is presentation", "", "L'écran de la porte de la salle affiche les réservations en anglais au lieu du français depuis la mise à jour.", []int{4}, "cosmetic"},

		// Room hardware for everyone: down is P1, one thing it cannot do is P2.
		{"function: no room can join calls", "", "None of our 22 meeting rooms can join video calls since the firmware update.", []int{2}, "room hardware"},
		{"function: aucune salle ne peut lancer la visio, sans accents", "", "Depuis la mise a jour aucune de nos salles ne peut lancer de visio.", []int{2}, "cannot"},
		{"function: all rooms down", "", "Toutes nos salles de visio sont hors service depuis ce matin.", []int{1}, "down"},

		// A booking takes no money unless it is said to sell.
		{"function: course bookings for everyone", "", "Depuis 16h impossible de reserver les cours collectifs pour tout le monde, le bouton reste grise.", []int{2}, "cannot"},
		{"function: room bookings on no panel", "", "Since Monday room bookings made in Outlook do not show on any of our 60 room panels.", []int{2, 3}, ""},
		{"function: ticket sales down stay P1", "", "La billetterie en ligne est en panne, on ne vend plus aucun billet.", []int{1}, "business stopped"},

		{"severity: has not fired", "", "Since Tuesday the webhook to our warehouse system has not fired, two people re-key the orders by hand.", []int{2, 3}, "not working"},
		{"severity: kiosks no longer find bookings", "", "3 bornes de retrait sur 5 ne trouvent plus les réservations internet.", []int{2, 3}, "not working"},

		// Consequence.
		{"consequence: closed to the public", "", "Le musée a dû fermer au public, la billetterie est hors service.", []int{1}, ""},
		{"consequence: data of another company", "", "In our completion report we can see the data of another company's employees.", []int{1}, "data exposed"},

		{"consequence: other people's data, shown", "", "Customers are receiving booking confirmations that aren't theirs, with other people's names, addresses and phone numbers.", []int{1}, "visible to others"},
		{"consequence: a file readable without logging in", "Fichier", "Un fichier avec les adresses et téléphones de nos clients est accessible sans connexion sur notre site.", []int{1}, "personal data"},
		{"consequence: a vulnerability report", "", "I am reporting a vulnerability: changing the link gives access to any account.", []int{1}, "data exposed"},
		// Breach of a contract, "compromis": a deadline, not data exposed.
		{"consequence: breach of contract is a deadline", "", "The settlement reports for the touring companies don't run, we're in breach of contract by Friday.", []int{2, 3}, ""},
		{"consequence: livraisons compromises", "", "Le logiciel de notre site de Merignac ne repond plus, les livraisons de cet apres-midi sont compromises.", []int{2, 3}, ""},
		{"consequence: un compromis de vente", "Signature", "La signature électronique du mandat Dupont échoue. Le compromis est prévu le 10, on peut refaire le mandat sur papier.", []int{3}, ""},
		{"consequence: account compromised", "", "One of our admin accounts was compromised last night, someone changed the payout bank details.", []int{1}, "data exposed"},
		{"negation: no data exposed", "", "No data was exposed and the addresses stay private, I know. Where can I find your privacy policy?", []int{5}, ""},

		// A negated quantifier before what they could do: everyone cannot.
		{"scope: none of our pharmacies can", "", "Since 9am none of our 11 pharmacies can complete a sale.", []int{1}, `scope "none of our 11 pharmacies"`},
		{"scope: aucune succursale n'est capable", "", "Depuis la mise à jour, aucune de nos 12 succursales n'est capable de conclure une vente.", []int{1}, "cannot"},
		{"severity: rejected, comes up red", "", "Every scan comes up red at the gates since the doors opened.", []int{1}, "comes up red"},
		{"severity: no more mail, Québec spelling", "", "depuis se matin on a plu de mail ni le site pour tout le monde", []int{1}, "plu de mail"},

		{"severity: Québec, rien marche, sont morts", "Rien marche", "Ma caisse pis mon terminal de paiement sont morts depuis 7h. J'ai juste une caisse, fait que je peux rien vendre.", []int{1}, "business stopped"},
		{"scope: a period is no scope", "Portail lent", "Un client trouve que son portail met un peu de temps à charger. Il n'y a rien de bloqué. Est-ce qu'on peut ajouter un filtre sur les 30 derniers jours ?", []int{4, 5}, ""},
		{"hypothetical: warned of possible outages", "Offline mode?", "Our internet provider has warned of possible outages during line work next week. If our internet drops, can the registers keep taking card payments offline?", []int{5}, "hypothetical"},
		{"hypothetical: a wish it will not happen", "mise à jour caisses", "Est-ce qu'on peut choisir l'heure de la mise à jour ? Je ne voudrais pas qu'elle tombe en plein service.", []int{5}, ""},
		{"shape: came back on their own", "Gates OK now", "FYI the turnstiles that were rejecting tickets last night came back on their own. Could you send us a short explanation?", []int{5}, "already resolved"},
		{"severity: unprofessional wording under an URGENT tag", "URGENT!!! PLEASE FIX", "Our booking confirmation email says \"Thankyou for you're booking\". Please can this be corrected, it looks unprofessional.", []int{4}, "outweighed"},

		{"modifier: patience does not shrink an outage", "pas urgent mais bon", "Je sais que c'est dimanche donc pas urgent, mais tout est tombé depuis 2h, plus rien ne fonctionne pour tous nos clients.", []int{1}, ""},
		{"modifier: patience lowers an important function", "", "When you have a moment: the reports don't run since Monday for the finance team.", []int{3}, "not urgent"},

		// Negation, hypotheticals, quoted errors.
		{"negation: no error", "Export", "The export runs without error but a column is in the wrong order, could you swap them?", []int{4}, ""},
		{"negation: pas urgent", "", "Pas urgent du tout : il y a une faute d'orthographe sur l'écran d'accueil de la borne.", []int{4}, ""},
		{"hypothetical: in case of an outage", "Panne", "En cas de panne de la billetterie pendant le festival, quelle est la procédure prévue ?", []int{5}, "hypothetical"},
		{"hypothetical: what happens if", "", "What happens if we go over 500 learners, will new accounts be blocked?", []int{5}, ""},
		{"quoted error: its words are not the customer's", "", `When I open a report I get "Connection not available, please try again later".`, []int{3}, "error"},

		// Shapes of mail.
		{"shape: how-to", "", "How do I add a new user to the admin screen?", []int{5}, "how-to"},
		{"shape: feature request", "", "It would be nice to have a dark mode in the back office.", []int{4}, ""},
		{"shape: resolved, thanks", "Re: Tills offline", "Thanks, everything is back to normal since 2pm. Could you send a short incident report?", []int{5}, ""},

		// Caps, no accents, typos, Québec and Belgian wording, English.
		{"caps", "", "NOS CAISSES NE FONCTIONNENT PLUS DEPUIS CE MATIN", []int{1}, ""},
		{"no accents", "", "impossible de se connecter au back office pour toute l equipe compta depuis ce matin", []int{2}, ""},
		{"typo", "", "aucune caise ne fonctione plus, on ne peut plus encaiser", []int{1}, ""},
		{"Québec", "", "Le système est tombé, ça marche pu pantoute sur nos 3 caisses.", []int{1}, ""},
		{"Belgium", "", "Depuis lundi les hôtes ne reçoivent plus de SMS sur leur GSM. Ce n'est pas bloquant, la réceptionniste téléphone.", []int{3}, ""},
		{"customer tag alone", "[P2] export", "", []int{2}, "customer tag"},
		{"nothing to go on", "Bonjour", "Merci pour votre aide.", []int{0}, "nothing to go on"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := classify.Classify(classify.Input{Subject: tt.subject, Body: tt.body})
			ok := false
			for _, w := range tt.want {
				ok = ok || r.Level == w
			}
			if !ok {
				t.Errorf("level %d, want one of %v: %s", r.Level, tt.want, r.Reason)
			}
			if tt.reason != "" && !strings.Contains(r.Reason, tt.reason) {
				t.Errorf("reason %q lacks %q", r.Reason, tt.reason)
			}
		})
	}
}

// A forward whose new part only says "see below" is read from the
// forwarded text; a plain reply's history is not.
func TestForwarded(t *testing.T) {
	fwd := "---------- Forwarded message ---------\nFrom: x\n\nAll turnstiles at every gate are offline, we cannot let anyone in."
	r := classify.Classify(classify.Input{Subject: "Fwd: gates", Body: "FYI, see below.", Forwarded: "FYI, see below.\n" + fwd})
	if r.Level != 1 {
		t.Errorf("forward: level %d: %s", r.Level, r.Reason)
	}
	r = classify.Classify(classify.Input{Subject: "Re: gates", Body: "Thanks.", Forwarded: "Thanks.\n> All turnstiles are offline."})
	if r.Level != 0 {
		t.Errorf("reply: level %d: %s", r.Level, r.Reason)
	}
}

// Tag modes: weighed by default, ignored or obeyed on request.
func TestTagModes(t *testing.T) {
	in := classify.Input{Subject: "[P1] Wrong font on ticket header", Body: "The header uses Times instead of our brand font, it's just the look."}
	for _, c := range []struct {
		o    classify.Options
		want int
	}{{classify.Options{}, 4}, {classify.Options{Tags: classify.TagsIgnore}, 4}, {classify.Options{Tags: classify.TagsObey}, 1}} {
		if r := c.o.Classify(in); r.Level != c.want {
			t.Errorf("mode %d: level %d, want %d: %s", c.o.Tags, r.Level, c.want, r.Reason)
		}
	}
}

func TestEvidenceListsEverything(t *testing.T) {
	r := classify.Classify(classify.Input{Body: "Si jamais la billetterie tombe en panne, que faire ?"})
	var hypo, aside bool
	for _, e := range r.Evidence {
		hypo = hypo || e.Concept == classify.ModHypo
		aside = aside || e.Ignored == "hypothetical" && e.Kind() == classify.KindBreakage
	}
	if !hypo || !aside || r.Level != 5 {
		t.Errorf("level %d, evidence %+v", r.Level, r.Evidence)
	}
}

func FuzzClassify(f *testing.F) {
	f.Add("Caisses en panne", "Aucune caisse ne fonctionne « erreur 500 »\n  at line 3")
	f.Add("", "\"unterminated quote ~ # ne ne ne")
	f.Fuzz(func(t *testing.T, subject, body string) {
		r := classify.Classify(classify.Input{Subject: subject, Body: body, Forwarded: body})
		if r.Level < 0 || r.Level > 5 || r.Reason == "" {
			t.Fatalf("level %d reason %q", r.Level, r.Reason)
		}
	})
}
