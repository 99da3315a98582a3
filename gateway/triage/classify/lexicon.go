package classify

import (
	"strings"
	"sync"
)

// entry lists the wordings of one or more concepts. Phrases are written
// folded: lower case, no accents, apostrophes and hyphens as spaces
// ("n'est" is "n est", "can't" is "can t", "hors-service" is "hors
// service"). Typos and Québec or Belgian forms are listed beside the
// standard ones.
type entry struct {
	concepts []Concept
	phrases  []string
}

func e(c ...Concept) func(phrases ...string) entry {
	return func(phrases ...string) entry { return entry{concepts: c, phrases: phrases} }
}

// cross returns every "a b" for a in as and b in bs.
func cross(as, bs []string) []string {
	out := make([]string, 0, len(as)*len(bs))
	for _, a := range as {
		for _, b := range bs {
			out = append(out, a+" "+b)
		}
	}
	return out
}

func words(s string) []string { return strings.Split(s, "|") }

// Things customers have many of: users, tills, sites. "all" + one of these
// is the whole customer; "one" + one of these is one user.
var (
	countableFR = words("caise|caises|serveurs|scanners|douchettes|lecteurs de billets|portes|entrees|tourniquets|accueils|receptions|administrateurs|gestionnaires|responsables|apprenants|eleves|etudiants|formateurs|personnes|techniciens|chauffeurs|vendeurs|caissiers|caissieres|benevoles|membres|ipad|ipads|telephones|salles de visio|salles de visioconference|bureaux|utilisateurs|utilisateur|utilisatrices|usagers|postes|poste|caisses|caisse|terminaux|terminal|tpe|bornes|borne|sites|site|magasins|magasin|boutiques|boutique|succursales|agences|salles|ecrans|clients|employes|employees|salaries|agents|collaborateurs|collegues|visiteurs|stations|comptes|guichets|points de vente|pc|ordinateurs|appareils|imprimantes|tablettes|kiosques|equipes|services|restaurants|hotels|cinemas|salles de reunion|licences|portiques|lecteurs|badges|participants|apprenants|stagiaires")
	countableEN = words("cashiers|servers|bartenders|waiters|gates|turnstiles|doors|entrances|receptions|admins|administrators|managers|students|engineers|drivers|people|members|technicians|nurses|doctors|teachers|receptionists|volunteers|operatives|ipads|phones|scanners|kiosks|sites|hosts|users|user|tills|till|registers|cash registers|terminals|kiosks|stores|shops|sites|locations|branches|offices|rooms|meeting rooms|devices|machines|computers|pcs|laptops|screens|customers|clients|staff|employees|agents|colleagues|visitors|stations|accounts|lanes|counters|printers|tablets|venues|theatres|theaters|cinemas|restaurants|points of sale|pos terminals|readers|scanners|badges|learners|trainees|participants|attendees|our users|our staff|teams|departments")

	allFR  = words("tous les|tous nos|toutes les|toutes nos|tous mes|toutes mes|aucun|aucune|aucun de nos|aucune de nos|aucun des|aucune des|l ensemble des|l ensemble de nos|la totalite des|tous|toutes|chacun des|chacune des|plus aucun|plus aucune|tout le|toute la|tous nos|touts les|tout les|toute les|toutes le|ni les")
	allEN  = words("all|all the|all our|all of our|all of the|every|every one of our|none of our|none of the|no|not a single|the whole|the entire|our entire|our whole|any of our|all my|every single")
	manyFR = words("deux de nos|trois de nos|quatre de nos|certains de nos|certaines de nos|plusieurs de nos|quelques uns de nos|quelques unes de nos|# de nos|d autres|plusieurs|certains|certaines|beaucoup de|beaucoup d|de nombreux|de nombreuses|la plupart des|la plupart de nos|la moitie des|la moitie de nos|une partie des|une dizaine de|des dizaines de|quelques")
	manyEN = words("two of our|three of our|four of our|several of our|some of our|a few of our|# of our|# of the|other|about #|around #|over #|more than #|several|many|multiple|some|some of our|some of the|most|most of our|most of the|half of our|half the|half of the|a number of|a lot of|lots of|dozens of|a few|a couple of")
	oneFR  = words("un de mes|une de mes|son|sa|un|une|un seul|une seule|un de nos|une de nos|l un de nos|l une de nos|un des|une des|mon|ma|1|seul le|seule la|seulement un|seulement une|un autre")
	oneEN  = words("her|his|one|a|a single|one of our|one of the|only one|my|1|a particular|one specific|just one")
)

func entries() []entry {
	var es []entry
	add := func(x ...entry) { es = append(es, x...) }

	// First, as the earliest listed phrase wins a tie: "tous les autres
	// collègues" are others that work, not "tous les ~ collègues".
	add(e(ModOthersFine)(cross(words("autres|les autres|the other|other|all the other|all other|tous les autres|toutes les autres|les # autres|the # other|the other #"), append(append([]string{}, countableFR...), countableEN...))...))

	// ---- scope ----
	add(e(ScopeAll)(cross(allFR, countableFR)...))
	add(e(ScopeAll)(cross(allEN, countableEN)...))
	add(e(ScopeAll)(
		"tout le monde", "tout le magasin", "toute la boutique", "tout le site", "toute l entreprise", "toute la societe",
		"tout le personnel", "toute la structure", "tout l etablissement", "tout le batiment",
		"toute l agence", "tout le reseau", "l ensemble du personnel", "l ensemble des utilisateurs", "l ensemble du site",
		"tout le parc", "chez tout le monde", "pour tout le monde", "pour tous", "plus personne",
		"nul ne", "entierement", "globalement", "generalise", "generalisee", "partout", "tous sites confondus",
		"everyone", "everybody", "every user", "nobody", "no one", "noone", "no one can", "for everyone", "for all",
		"all users", "all of us", "all staff", "all locations", "company wide", "companywide", "organisation wide",
		"organization wide", "site wide", "sitewide", "across the board", "everywhere", "the whole company", "the whole office",
		"the whole store", "the whole shop", "the whole site", "the whole building", "the whole venue", "the whole team",
		"entire company", "entire office", "entire store", "entire site", "entire building", "entire network",
		"all of them", "tous nos clients", "nos clients", "our customers", "the public", "le public",
		"aucun client", "no customer", "no customers", "tous azimuts", "complete outage", "full outage",
	))
	add(e(ScopeMany)(cross(manyFR, countableFR)...))
	add(e(ScopeMany)(cross(manyEN, countableEN)...))
	add(e(ScopeMany)(
		"le service comptable", "le service compta", "la compta", "la comptabilite", "le service rh", "les rh",
		"le service commercial", "le service client", "le service clients", "le service informatique", "le service technique",
		"le service financier", "le service achats", "le service paie", "le service juridique", "le service marketing",
		"le service formation", "le service qualite", "le service accueil", "le departement",
		"toute l equipe", "notre equipe", "l equipe", "toute la compta", "tout le service", "tout un service", "un service entier",
		"toute la direction", "la direction", "nos equipes", "les equipes", "nos agents", "nos vendeurs", "nos caissiers",
		"nos caissieres", "nos guichetiers", "nos formateurs", "nos hotesses", "les caissiers", "les caissieres",
		"the accounting team", "the accounts team", "the finance team", "the finance department", "accounting",
		"the sales team", "the support team", "the hr team", "hr", "the whole department",
		"our team", "the team", "a department", "the department", "the whole team", "our cashiers", "the cashiers",
		"our staff", "our agents", "our trainers", "our managers", "several of us", "half of us", "many of us",
		"a whole department", "whole department", "entire department", "entire team",
	))
	add(e(ScopeOne)(cross(oneFR, words("utilisateur|utilisatrice|usager|collegue|collaborateur|collaboratrice|employe|employee|salarie|agent|compte|client|apprenant|apprenante|stagiaire|participant|seul utilisateur|caissiere|caissier|vendeur|vendeuse|benevole|eleve|etudiant|etudiante|session|identifiant|mot de passe|login"))...))
	add(e(ScopeUnit)(cross(oneFR, words("poste|caisse|terminal|tpe|borne|ordinateur|pc|appareil|imprimante|tablette|ecran|kiosque|lecteur|badge|salle|salle de reunion|poste de travail|seul poste|douchette|scanner"))...))
	add(e(ScopeOne)(cross(oneEN, words("user|colleague|employee|staff member|agent|account|customer|client|learner|trainee|cashier|volunteer|student|login|password|session"))...))
	add(e(ScopeUnit)(cross(oneEN, words("till|register|terminal|kiosk|computer|pc|laptop|device|printer|tablet|screen|room|meeting room|reader|scanner|badge|workstation|machine|lane|counter|station|handheld|ipad|gate|door|turnstile"))...))
	add(e(ScopeOne)(
		"mon compte", "mon poste", "mon ordinateur", "mon pc", "ma caisse", "ma session", "juste moi", "seulement moi",
		"uniquement moi", "que moi", "pour moi", "chez moi", "moi seul", "un seul", "une seule", "l un d entre eux",
		"my account", "my computer", "my laptop", "my pc", "my login", "my session", "only me", "just me", "only for me",
		"for me", "just for me", "a single", "only one", "only on one", "one of them", "un de nos utilisateurs",
		"one of my", "l une d elles", "seulement sur un", "seulement sur une", "uniquement sur un", "uniquement sur une",
		"only affects one", "n affecte qu un", "n affecte qu une", "ne concerne qu un", "ne concerne qu une",
		"only this one", "only that one", "just this one", "un utilisateur en particulier", "a specific user",
	))

	// ---- function ----
	// Bookings are not listed: a booking of a room, a lesson or an
	// appointment takes no money, and the writers read one down for all
	// as an important function (P2); a booking that sells says so
	// ("billets", "ticket sales", "can't sell").
	add(e(FuncSales)(
		"encaiss*", "ancaiss*", "caisse", "caisses", "caise", "caises", "tpe", "terminal de paiement", "terminaux de paiement",
		"paiement", "paiements", "payement", "payements", "paiment", "paiments", "paye", "payer", "carte bancaire",
		"cartes bancaires", "cb", "carte de credit", "cartes de credit", "transaction", "transactions", "vente", "ventes",
		"vendre", "vend", "vendons", "vendent", "billetterie", "billeterie", "billetteries", "guichet", "guichets",
		"billet", "billets", "point de vente", "points de vente", "logiciel de caisse", "encaissement", "encaissements",
		"commandes", "boutique en ligne", "e commerce", "ecommerce",
		"site marchand", "panier", "interac", "debit", "facturer",
		"till", "tills", "register", "registers", "cash register", "cash registers", "checkout", "checkouts",
		"point of sale", "points of sale", "pos", "epos", "payment", "payments", "card payment", "card payments",
		"card reader", "card readers", "card terminal", "card terminals", "credit card", "credit cards", "debit card",
		"contactless", "transaction", "transactions", "sale", "sales", "sell", "selling", "sold", "box office",
		"ticketing", "ticket sales", "ticket office", "orders", "order", "purchase", "purchases",
		"online store", "online shop", "webshop", "web shop", "cashier", "cashiers", "take payments", "take card",
	))
	add(e(FuncSystem)(
		"systeme", "le systeme", "logiciel", "le logiciel", "application", "l application", "appli", "l appli",
		"plateforme", "la plateforme", "plate forme", "serveur", "le serveur", "serveurs", "base de donnees", "bdd",
		"reseau", "le reseau", "internet", "wifi", "wi fi", "le site", "site web", "site internet", "portail",
		"le portail", "l outil", "outil", "la solution", "votre solution", "votre logiciel", "votre plateforme",
		"votre application", "votre service", "votre systeme", "back office", "backoffice", "cloud", "nuage",
		"system", "the system", "systems", "software", "the software", "application", "the application", "app",
		"the app", "platform", "the platform", "server", "the server", "servers", "database", "network", "the network",
		"website", "web site", "the site", "portal", "the portal", "the tool", "your service", "your platform",
		"your software", "your system", "your app", "the service", "the dashboard", "backend", "back end", "saas",
	))
	add(e(FuncAccess)(
		"connexion", "connexions", "connection", "conexion", "connecter", "connecte", "connectent", "connectes",
		"login", "logins", "log in", "log on", "logon", "log into", "sign in", "signin", "sign on", "se loguer",
		"loguer", "logguer", "authentification", "authentication", "authentifier", "identifiant", "identifiants",
		"mot de passe", "mots de passe", "mdp", "password", "passwords", "sso", "2fa", "mfa", "double authentification",
		"acces", "acceder", "access", "credentials", "locked out", "verrouille", "verrouilles", "barre", "session",
		"sessions", "ouvrir une session", "ouvrir session",
	))
	add(e(FuncReports)(
		"rapport des ventes", "rapports des ventes", "rapport de ventes", "rapports de ventes", "rapport de caisse", "rapports de caisse", "journal des ventes", "historique des ventes", "export des ventes", "statistiques de ventes", "statistiques des ventes", "chiffre des ventes", "sales report", "sales reports", "sales figures", "sales export", "sales data", "sales history", "transaction report", "transaction history", "payment report", "rapport", "rapports", "raport", "raports", "report", "reports", "reporting", "export", "exports", "exporter",
		"exportation", "statistiques", "stats", "tableau de bord", "tableaux de bord", "dashboard", "dashboards",
		"bilan", "bilans", "extraction", "extractions", "releve", "releves", "cloture", "z de caisse", "ticket z",
		"end of day", "eod", "statements", "analytics", "kpi",
	))
	add(e(FuncEntry)(
		"borne d accueil", "bornes d accueil", "borne", "bornes", "kiosque", "kiosques", "kiosk", "kiosks", "badge",
		"badges", "badgeuse", "badgeuses", "tourniquet", "tourniquets", "portique", "portiques", "controle d acces",
		"access control", "check in", "checkin", "sign in sheet", "visitor sign in", "visitor check in",
		"registre des visiteurs", "enregistrement des visiteurs", "accueil des visiteurs", "visiteurs", "visitors",
		"visitor", "visiteur", "gate", "gates", "turnstile", "turnstiles", "scan des billets", "scanner les billets",
		"controle des billets", "ticket scanning", "scanning tickets", "entrance", "l entree", "entree",
	))
	add(e(FuncPrinter)(
		"imprimante", "imprimantes", "impression", "imprimer", "imprime", "printer", "printers", "printing", "print",
		"imprimante de tickets", "imprimante ticket", "receipt printer", "badge printer", "label printer",
		"imprimante a badges", "imprimante badges", "tiroir caisse", "cash drawer", "ticket de caisse", "tickets de caisse",
		"receipt", "receipts", "recu", "recus", "douchette", "douchettes", "etiquette", "etiquettes", "labels",
	))
	add(e(FuncDevice)(
		"camera", "cameras", "webcam", "micro", "micros",
		"microphone", "microphones", "haut parleur", "haut parleurs", "speaker", "speakers", "audio", "sound",
		"video", "visio", "visioconference", "videoconference", "video conference", "codec", "barre de son",
		"soundbar", "telecommande", "remote", "salle de reunion", "meeting room", "conference room", "tablette",
		"tablet", "boitier", "boitiers", "salle de visio", "salles de visio", "teams", "zoom", "webex", "hdmi",
		"projecteur", "projector", "casque", "headset", "ecran tactile", "touch panel", "touch screen",
	))

	// ---- breakage ----
	notWorkVerbs := words("fonctionn*|fonctione*|fonctinn*|foncionn*|fontionn*|focntionn*|marche|marchent|marchait|marchaient|marchee|march|va|vont|repond|repondent|repondait|demarr*|s allum*|s ouvr*|s ouvre|charg*|synchronis*|imprim*|s affich*|affich*|se lance|se lancent|passe|passent|s imprime*|s enregistr*|enregistr*|lit|lisent|scann*|capte|captent|connect*|sort|sortent|tourne|tournent|reagit|reagissent|s execut*|execut*|genere|generent|se genere*|se charge*|envoie|envoient|part|partent|arrive|arrivent|s initialis*|detect*|reconnai*|accept*|valide|valident|fonctone*|fonctionen*|fonctionnne*|ouvre|ouvrent|recoi*|recoivent|communiqu*|remonte|remontent|se synchronis*|s envoie|s envoient|se declench*|declench*")
	add(e(BreakNotWorking)(cross(words("ne|n|ne se|ne s|n y"), cross(notWorkVerbs, words("pas|plus|toujours pas|pu|jamais|plus du tout|pas du tout|plus correctement|pas correctement|pas bien|plus bien|toujours plus|rien|aucun|aucune|pas non plus")))...))
	// "aucune caisse ne fonctionne", "rien ne marche": ne without pas.
	add(e(BreakNotWorking)(cross(words("ne|n"), notWorkVerbs)...))
	add(e(BreakNotWorking)(cross(notWorkVerbs, words("pas|plus|pu|pus|plu|pas du tout|plus du tout|toujours pas"))...))
	add(e(BreakNotWorking)(
		"ne fonctionn* ~ pas", "ne fonctionn* ~ plus", "ne march* ~ pas", "ne march* ~ plus", "ne repond* ~ pas",
		"ne repond* ~ plus", "hs", "h s", "defectueux", "defectueuse", "defaillant", "defaillante", "casse", "cassee",
		"casses", "brise", "brisee", "brises", "brisees", "deconne", "deconnent", "dysfonctionn*", "disfonctionn*",
		"ne reagit plus", "ne reagit pas", "ne repond plus", "ne repond pas", "a cesse de fonctionner",
		"ont cesse de fonctionner", "cesse de fonctionner", "arrete de fonctionner", "arrete de marcher",
		"a lache", "ont lache", "lache", "ne s affiche plus", "ne s affiche pas", "grise", "grisee", "grises", "grisees", "greyed out", "grayed out", "ne passent plus", "ne passe plus", "ne passe pas", "ne passent pas",
		"not working", "not work", "no work", "doesn t work", "doesnt work", "does not work", "don t work", "dont work",
		"do not work", "isn t working", "isnt working", "is not working", "aren t working", "arent working",
		"are not working", "stopped working", "has stopped working", "have stopped working", "stop working",
		"stops working", "no longer work*", "won t work", "wont work", "will not work", "not functioning",
		"not functional", "non functional", "nonfunctional", "malfunction*", "broken", "broke", "is broken",
		"faulty", "not responding", "unresponsive", "doesn t respond", "does not respond", "won t respond",
		"not loading", "won t load", "doesn t load", "does not load", "won t open", "doesn t open", "does not open",
		"won t print", "doesn t print", "does not print", "not printing", "won t sync", "doesn t sync",
		"not syncing", "won t connect", "doesn t connect", "does not connect", "not connecting", "won t start",
		"doesn t start", "does not start", "won t launch", "doesn t launch", "not showing", "doesn t show",
		"does not show", "not displaying", "doesn t display", "not detected", "isn t detected", "not recognised",
		"not recognized", "no longer", "not going through", "don t go through", "won t go through",
		"doesn t go through", "not accepted", "aren t accepted", "isn t accepted", "stopped", "quit working", "quits", "glitch*", "messed up", "kaput",
		"doesn t wrok", "dosen t work", "doesnt wrok", "not wroking", "not workin",
	))
	add(e(BreakDown)(
		"en panne", "panne", "pannes", "pane", "en pane", "hors service", "hors servise", "hors ligne", "hors connexion",
		"hors d usage", "en rade", "tombe", "tombee", "tombes", "est tombe", "sont tombes", "est tombee",
		"est down", "sont down", "offline", "off line", "outage", "outages", "crash*", "plante", "plantent",
		"plantage", "plantages", "planter", "ecran noir", "ecrans noirs", "ecran bleu", "ecran blanc",
		"page blanche", "black screen", "blue screen", "white screen", "blank screen", "blank page", "boot loop",
		"bootloop", "reboot loop", "redemarre en boucle", "redemarrent en boucle", "redemarre sans cesse",
		"redemarre tout seul", "reboucle", "en boucle", "keeps rebooting", "keeps restarting", "restarts constantly",
		"reboots itself", "stuck in a loop", "ne demarre plus", "ne demarre pas", "ne demarrent plus",
		"ne demarrent pas", "ne s allume plus", "ne s allume pas", "ne s allument plus", "ne s allument pas",
		"won t boot", "doesn t boot", "will not boot", "won t turn on", "doesn t turn on", "won t power on",
		"no power", "dead", "mort", "morte", "inaccessible", "inaccessibles", "injoignable", "unreachable",
		"unavailable", "indisponible", "indisponibles", "n est plus accessible", "ne sont plus accessibles",
		"n est pas accessible", "not accessible", "inutilisable", "inutilisables", "unusable", "unuseable",
		"service unavailable", "bad gateway", "gateway timeout", "503", "502",
		"erreur 502", "erreur 503", "error 502", "error 503", "http 503",
		"internal server error", "not reachable", "can t reach", "cannot reach", "can t be reached", "fell over",
		"gone down", "went down", "has gone down", "is down", "are down", "went dark", "offline since",
		"hors ligne depuis", "perte totale", "coupure", "coupures", "no signal", "pas de signal",
		"aucun signal", "ne boot plus", "reste noir", "stays black",
	))
	add(e(BreakEverything)(
		"plus rien ne fonctionne", "plus rien ne marche", "plus rien ne va", "rien ne fonctionne", "rien ne marche",
		"rien ne fonctionne plus", "rien ne marche plus", "plus rien", "plus rien ne passe", "rien ne passe",
		"tout est en panne", "tout est bloque", "tout est plante", "tout est down", "tout est tombe",
		"tout est hors service", "tout est arrete", "tout a plante", "tout a lache", "tout est mort",
		"nothing works", "nothing is working", "nothing s working", "nothing working", "everything is down",
		"everything s down", "everything down", "everything stopped", "everything has stopped", "everything is broken",
		"everything crashed", "all down", "totally down", "completely down", "completely dead", "totally dead",
		"fully down", "entirely down", "the whole system", "whole system", "tout le systeme", "systeme entier",
		"entire system", "complete outage", "full outage", "total outage", "panne totale", "panne generale",
		"panne complete", "panne globale", "arret total", "arret complet", "blackout",
	))
	add(e(BreakBlocked)(
		"bloque", "bloquee", "bloques", "bloquees", "bloquer", "bloquant", "bloquante", "bloquants", "bloquantes",
		"blocage", "blocages", "bloke", "blocke", "coince", "coinces", "coincee", "fige", "figee", "figes",
		"figees", "se fige", "se figent", "gele", "gelee", "paralyse", "paralysee", "paralyses", "paralysant",
		"a l arret", "a l arret complet", "a l arret total", "arrete", "arretee", "arretes", "au point mort",
		"stuck", "blocked", "blocking", "blocker", "frozen", "freeze", "freezes", "freezing", "froze", "hang",
		"hangs", "hanging", "hung", "locked up", "paralysed", "paralyzed", "at a standstill", "standstill",
		"halted", "ground to a halt", "grinding to a halt", "showstopper", "show stopper", "dead in the water",
	))
	add(e(BreakCannot)(
		"impossible de", "impossible d", "impossible", "imposible", "impossibe", "ne peu* pas", "ne peu* plus", "ne peu*", "ne pouv*", "ne parvien*",
		"ne peu* ~ pas", "ne peu* ~ plus", "peu* pas", "peu* plus", "peux pu", "peut pu", "peuvent pu",
		"ne pouv* pas", "ne pouv* plus", "n arriv* pas", "n arriv* plus", "n arriv* ~ pas", "arriv* pas a",
		"arrive pas", "arrivons pas", "arrivent pas", "n y arriv*", "ne parvien* pas", "ne parvien* plus",
		"ne parvenons pas", "ne reussi* pas", "ne reussi* plus", "pas capable", "pu capable", "plus capable",
		"pas moyen de", "pas moyen d", "aucun moyen de", "echec", "echecs", "echoue", "echouent", "echoué",
		"a echoue", "ont echoue", "refuse", "refusent", "refusee", "refusees", "refuses", "rejete", "rejetee",
		"rejetes", "rejetees", "rejet", "refus", "empeche", "empechent", "nous empeche", "ne permet plus",
		"ne permet pas", "ne laisse pas", "ne laisse plus",
		"cannot", "can not", "can t", "cant", "cannnot", "canot", "unable to", "unable", "not able to",
		"no longer able to", "couldn t", "could not", "couldnt", "won t let", "doesn t let", "does not let",
		"will not let", "won t allow", "doesn t allow", "fail*", "fails to", "failed to", "failing to", "failure",
		"failures", "declined", "declining", "rejected", "rejecting", "refused", "refusing", "denied",
		"prevents", "prevented", "prevent", "impossible to", "no way to", "not possible to", "not possible",
		"can no longer", "cannot be", "can t be", "isn t possible", "is not possible",
	))
	add(e(BreakError)(
		"erreur", "erreurs", "ereur", "erreure", "message d erreur", "messages d erreur", "code erreur",
		"code d erreur", "bug", "bugs", "bugue", "buggue", "beug", "beugue", "bogue", "bogues", "bogue",
		"exception", "plantage", "anomalie", "anomalies", "error", "errors", "eror", "errror", "error message",
		"error code", "bugged", "buggy", "exception", "timeout", "time out", "timed out", "expire", "expiree",
		"http error", "code 500", "err", "fatal", "critical error", "warning",
		"avertissement", "alerte", "alert", "message bizarre", "strange message", "weird message",
	))
	add(e(BreakIssue)(
		"probleme", "problemes", "probleem", "probelme", "problme", "souci", "soucis", "sousi", "incident", "incidents",
		"dysfonctionnement", "dysfonctionnements", "disfonctionnement", "defaut", "defauts", "panne partielle",
		"probleme technique", "pepin", "trouble", "troubles", "problem", "problems", "issue", "issues", "isue",
		"fault", "defect", "defects", "technical issue", "technical problem", "incident", "trouble",
		"ne va pas", "ca va pas", "pas normal", "not normal", "not right", "something wrong", "quelque chose cloche",
		"cloche", "bizarre", "etrange", "strange", "weird", "odd", "unexpected", "inattendu",
	))
	add(e(BreakSlow)(
		"lent", "lente", "lents", "lentes", "lenteur", "lenteurs", "tres lent", "extremement lent", "ralenti",
		"ralentie", "ralentis", "ralentissement", "ralentissements", "rame", "rament", "ramer", "ca rame",
		"prend une eternite", "prennent une eternite", "mouline", "moulinent", "met du temps", "mettent du temps",
		"prend du temps", "prend des minutes", "temps de reponse", "temps de chargement", "latence", "delai",
		"slow", "slowly", "slower", "slowness", "sluggish", "very slow", "extremely slow", "takes forever",
		"take forever", "takes ages", "takes minutes", "lag", "lags", "lagging", "laggy", "latency", "delay",
		"delays", "delayed", "long time", "a long time", "spinning", "spins", "tourne dans le vide", "sablier",
		"hourglass", "loading forever", "charge indefiniment", "charge sans fin",
	))
	add(e(BreakSometimes)(
		"parfois", "des fois", "de temps en temps", "de temps a autre", "par moments", "par moment",
		"occasionnellement", "occasionnel", "occasionnelle", "aleatoire", "aleatoirement", "intermittent*",
		"sporadique", "sporadiquement", "de facon aleatoire", "de maniere aleatoire", "une fois sur",
		"sometimes", "occasionally", "occasional", "from time to time", "randomly", "random", "now and then",
		"now and again", "every now and then", "once in a while", "sporadic", "sporadically", "on and off",
		"off and on", "every so often", "once or twice", "une ou deux fois", "de rares fois", "rarement", "rarely",
	))
	add(e(BreakWrong)(
		"incomplet", "incomplete", "incomplets", "incompletes", "il manque", "manque", "manquent", "manquant",
		"manquante", "manquants", "manquantes", "incorrect", "incorrecte", "incorrects", "incorrectes", "faux",
		"fausse", "fausses", "errone", "erronee", "errones", "erronees", "mauvais", "mauvaise", "mauvaises",
		"inexact", "inexacte", "decalage", "decale", "decalee", "doublon", "doublons", "en double", "duplique",
		"ne correspond pas", "ne correspondent pas", "ne tombe pas juste", "pas a jour", "ecart", "ecarts",
		"missing", "incorrectly", "wrong", "inaccurate", "mismatch", "mismatched", "doesn t match",
		"does not match", "don t match", "do not match", "duplicate", "duplicates", "duplicated", "twice",
		"out of date", "outdated", "not updated", "not up to date", "discrepancy", "discrepancies", "off by",
		"empty", "vide", "vides", "blank", "partial", "partiel", "partielle", "partiellement", "partially",
	))
	add(e(BreakCosmetic)(
		"couleur", "couleurs", "coloris", "colour", "colours", "color", "colors", "polices",
		"police d ecriture", "fonts", "faute d orthographe", "fautes d orthographe", "faute de frappe",
		"coquille", "coquilles", "orthographe", "typo", "typos", "spelling", "misspelled", "misspelt",
		"alignement", "aligne", "alignes", "mal aligne", "mal alignee", "desaligne", "misaligned", "alignment",
		"logo", "logos", "icone", "icones", "icon", "icons", "cosmetique", "cosmetic", "esthetique", "aesthetic",
		"tronque", "tronquee", "truncated", "cut off", "traduction", "traductions", "translation", "translations",
		"mal traduit", "libelle", "libelles", "wording", "mise en page", "pixel", "pixels", "pixelise",
		"flou", "blurry", "taille du texte", "text size", "majuscule", "majuscules", "capital letter",
		"espacement", "spacing", "padding", "marge", "marges", "margin",
		"bouton mal place", "display glitch", "apparence",
		"dark mode", "mode sombre",
	))
	add(e(BreakAffected)(
		"touche", "touches", "touchee", "touchees", "impacte", "impactes", "impactee", "impactees", "concerne",
		"concernes", "concernee", "concernees", "affecte", "affectes", "affectee", "affectees",
		"affected", "affects", "affecting", "impacted", "impacts", "impacting", "hit", "concerned",
		"meme chose", "same thing", "same problem", "same issue", "meme probleme", "idem", "pareil",
	))

	// ---- consequence ----
	add(e(ConseqStopped)(
		"perte de chiffre d affaires", "perte de ca", "pertes de ca", "perte d exploitation", "manque a gagner",
		"perdons des ventes", "perdons de l argent", "perdons des clients", "on perd des ventes", "on perd de l argent",
		"on perd des clients", "perd des ventes", "perte de ventes", "pertes de ventes", "perte d argent",
		"perdre des ventes", "perdre de l argent", "ventes perdues", "nous coute", "ca nous coute",
		"ne pouvons plus vendre", "ne pouvons pas vendre", "ne peut plus vendre", "ne peut pas vendre",
		"ne peuvent plus vendre", "on peut plus vendre", "on ne peut plus vendre", "plus aucune vente",
		"aucune vente", "zero vente", "plus de ventes", "plus de vente", "ne peut encaisser", "ne peuvent encaisser",
		"ne peut plus encaisser", "ne peuvent plus encaisser", "ne pouvons plus encaisser", "on ne peut plus encaisser",
		"impossible d encaisser", "impossible de vendre", "n encaisse plus", "n encaissent plus", "aucun encaissement",
		"magasin ferme", "boutique fermee", "ferme au public", "fermee au public", "fermes au public", "fermer au public", "fermer nos portes",
		"portes fermees", "obliges de fermer", "oblige de fermer", "obligés de fermer", "devoir fermer",
		"des clients partent", "les clients partent", "clients repartent",
		"personne ne peut travailler", "plus personne ne peut travailler", "personne ne peut plus travailler",
		"on ne peut plus travailler", "on ne peut pas travailler", "nous ne pouvons plus travailler",
		"nous ne pouvons pas travailler", "impossible de travailler", "plus personne ne travaille",
		"activite a l arret", "activite arretee", "activite bloquee", "activite paralysee", "toute l activite",
		"production arretee", "production a l arret", "production bloquee", "exploitation arretee",
		"personne ne peut entrer",
		"on ne peut faire entrer personne", "bloques a l entree", "losing sales", "losing money", "losing revenue", "losing customers", "losing business", "lost sales",
		"lost revenue", "losing orders", "lost orders", "revenue loss", "loss of revenue", "costing us",
		"can t sell", "cannot sell", "can not sell", "unable to sell", "can t take payments", "cannot take payments",
		"can t take payment", "cannot take payment", "unable to take payments", "can t process payments",
		"cannot process payments", "can t process transactions", "cannot process transactions",
		"unable to process payments", "unable to process transactions", "no sales", "zero sales",
		"closed to the public", "had to close", "have to close", "forced to close", "close the store",
		"close the shop", "closing the store", "closing the shop", "shut the store", "doors closed",
		"customers walking out", "customers leaving", "turning customers away", "turn customers away",
		"nobody can work", "no one can work", "nobody can do anything", "no one can do anything",
		"can t work", "cannot work", "unable to work", "business stopped", "business is stopped",
		"business at a standstill", "operations stopped", "operations halted", "production stopped",
		"production is down", "production down", "prod down", "can t let anyone in", "cannot let anyone in", "no one can get in", "nobody can get in",
		"can t check anyone in", "cannot check in anyone", "we are dead in the water", "dead in the water",
		"critical for our business", "business critical", "mission critical",
	))
	add(e(ConseqWork)(
		"nous bloque", "ca nous bloque", "nous empeche de travailler", "empeche de travailler", "bloque le travail",
		"bloque notre travail", "bloque toute l equipe", "bloque le service", "ne peuvent pas travailler",
		"ne peuvent plus travailler", "ne peut pas travailler", "ne peut plus travailler", "retard",
		"en retard", "prend du retard", "echeance", "date limite", "deadline", "deadlines", "cloture mensuelle",
		"fin de mois", "audit", "paie", "salaires", "impossible de bosser",
		"blocks our work", "blocks us", "blocking us", "blocking our", "prevents us from working", "holding us up",
		"holding up", "behind schedule", "can t do our job", "cannot do our job", "can t do their job",
		"cannot do their job", "unable to do their job", "month end", "month end close", "payroll", "due date",
		"time sensitive", "time critical", "compliance deadline", "before the audit", "avant l audit",
		"ne peuvent pas faire leur travail", "ne peuvent plus faire leur travail",
	))
	add(e(ConseqUrgent)(
		"urgent", "urgente", "urgents", "urgentes", "urgence", "tres urgent", "en urgence", "de toute urgence",
		"au plus vite", "au plus tot", "des que possible", "rapidement", "asap", "immediatement", "tout de suite",
		"prioritaire", "en priorite", "critique", "critiques", "grave", "tres grave", "serieux", "emergency",
		"urgently", "urgency", "immediately", "right away", "as soon as possible", "critical", "top priority",
		"high priority", "severe", "serious", "vital", "extremely important", "tres important",
		"aidez nous", "au secours", "svp vite", "vite",
	))

	// ---- shape ----
	add(e(ShapeQuestion)(
		"comment faire", "comment puis je", "comment peut on", "comment pouvons nous", "comment fait on",
		"comment on fait", "comment je fais", "comment dois je", "comment configurer", "comment modifier",
		"comment ajouter", "comment changer", "comment activer", "comment creer", "comment supprimer",
		"comment exporter", "comment obtenir", "comment acceder", "comment installer", "comment parametrer",
		"est il possible", "est ce possible", "est ce qu il est possible", "serait il possible de savoir",
		"y a t il moyen", "existe t il", "pourriez vous m indiquer", "pouvez vous m indiquer",
		"pourriez vous me dire", "pouvez vous me dire", "pourriez vous m expliquer", "pouvez vous m expliquer",
		"pourriez vous me confirmer", "pouvez vous me confirmer", "pourriez vous confirmer", "pouvez vous confirmer",
		"j aimerais savoir", "je voudrais savoir", "je souhaiterais savoir", "je souhaite savoir", "savez vous",
		"ou trouver", "ou puis je trouver", "ou se trouve", "ou sont", "ou est", "ou peut on", "quel est", "quelle est",
		"quels sont", "quelles sont", "combien de temps", "a quelle heure", "question",
		"questions", "petite question", "une question", "renseignement", "renseignements", "information",
		"informations", "demande d information", "demande d informations", "demande de renseignement",
		"pour information", "documentation", "la doc", "manuel", "mode d emploi", "guide", "tutoriel", "tuto",
		"faq", "procedure", "la marche a suivre", "je me demandais", "je cherche", "nous cherchons",
		"pouvez vous m aider a comprendre", "expliquer", "explication", "savoir si", "savoir comment",
		"can t find", "cannot find", "can not find", "can t seem to find", "couldn t find", "could not find", "unable to find", "ne trouve pas", "ne trouvons pas", "ne trouve plus", "n arrive pas a trouver", "impossible de trouver", "je ne sais pas comment", "ne sais pas comment", "don t know how", "do not know how", "not sure how", "not sure whether", "not sure if", "how do i", "how do we", "how can i", "how can we", "how to", "how does", "how do you", "how should",
		"is there a way", "is it possible", "is there any way", "is there an option", "could you tell me",
		"can you tell me", "could you let me know", "can you let me know", "please let me know", "let me know",
		"could you confirm", "can you confirm", "please confirm", "i would like to know", "i d like to know",
		"we would like to know", "i was wondering", "we were wondering", "wondering", "do you know",
		"where can i find", "where do i find", "question", "questions", "quick question", "a question", "enquiry",
		"inquiry", "information", "documentation", "docs", "manual", "user guide", "guide", "tutorial",
		"faq", "procedure", "the process", "clarification", "explain", "explanation", "looking for", "curious",
		"any advice", "advice", "best practice", "best way", "recommend", "recommendation", "do you support",
		"does it support", "vous serait il possible", "info",
	))
	add(e(ShapePricing)(
		"prix", "tarif", "tarifs", "tarification", "devis", "cout", "couts", "combien coute", "combien ca coute",
		"combien", "abonnement", "abonnements", "licence supplementaire", "licences supplementaires", "offre",
		"grille tarifaire", "remise", "promotion", "facturation",
		"price", "prices", "pricing", "quote", "quotation", "cost", "costs", "how much", "subscription",
		"subscriptions", "upgrade", "additional licence", "additional licences",
		"additional license", "additional licenses", "discount", "renewal", "renew", "billing",
	))
	add(e(ShapeDocument)(
		"facture", "factures", "facture de", "copie de", "copie", "duplicata", "attestation", "attestations",
		"certificat", "certificats", "bon de commande", "contrat", "avoir", "releve de compte", "recu fiscal",
		"justificatif", "justificatifs", "bordereau", "invoice", "invoices", "copy of", "a copy", "receipt",
		"certificate", "certificates", "purchase order", "contract", "credit note", "statement", "proof of",
		"w9", "vat number", "numero de tva", "rib", "siret",
	))
	add(e(ShapeChange)(
		"pourriez vous changer", "pourriez vous modifier", "pourriez vous mettre a jour", "pourriez vous renommer",
		"pourriez vous supprimer", "pourriez vous desactiver", "pourriez vous activer", "pourriez vous creer",
		"pouvez vous changer", "pouvez vous modifier", "pouvez vous mettre a jour", "pouvez vous renommer",
		"pouvez vous supprimer", "pouvez vous desactiver", "pouvez vous activer", "pouvez vous creer",
		"pourrais je changer", "serait il possible de changer", "serait il possible de modifier",
		"serait il possible de mettre", "serait il possible de remplacer", "merci de changer", "merci de modifier",
		"merci de mettre a jour", "merci de supprimer", "merci de creer", "merci de desactiver", "merci d activer",
		"merci d ajouter", "merci de renommer", "changer la couleur", "changer le logo", "modifier le logo",
		"modifier le texte", "changer le texte", "modifier l adresse", "changer l adresse", "mettre a jour l adresse",
		"mettre a jour nos coordonnees", "changement d adresse", "ajouter un utilisateur", "ajouter des utilisateurs",
		"creer un compte", "creer un utilisateur", "creer des comptes", "supprimer un compte", "supprimer un utilisateur",
		"desactiver le compte", "nouvel utilisateur", "nouveaux utilisateurs", "changement de", "modification de",
		"demande de modification", "demande de changement", "je souhaite modifier", "je souhaiterais modifier",
		"je voudrais modifier", "je voudrais changer", "nous voudrions changer", "nous souhaitons modifier",
		"nous aimerions changer", "nous aimerions modifier", "reinitialiser", "reinitialisation",
		"could you change", "could you modify", "could you update", "could you rename", "could you remove",
		"could you delete", "could you disable", "could you enable", "could you set up", "could you create",
		"can you change", "can you modify", "can you update", "can you rename", "can you remove", "can you delete",
		"can you disable", "can you enable", "can you set up", "can you create", "would you change",
		"please change", "please update", "please modify", "please rename", "please remove", "please delete",
		"please disable", "please enable", "please create", "please set up", "please add", "please reset",
		"we would like to change", "i would like to change", "we d like to change", "i d like to change",
		"we would like to update", "i would like to update", "change the colour", "change the color",
		"change the logo", "update the logo", "update our address", "change of address", "add a user",
		"add users", "add new user", "new user account", "create an account", "create a user", "remove a user",
		"delete a user", "change request", "request a change", "reset", "password reset",
	))
	add(e(ShapeFeature)(
		"demande d evolution", "demande d amelioration", "evolution", "evolutions", "amelioration", "ameliorations",
		"suggestion", "suggestions", "nouvelle fonctionnalite", "nouvelles fonctionnalites", "fonctionnalite",
		"ce serait bien", "ce serait super", "ce serait pratique", "ce serait utile", "ce serait genial",
		"ca serait bien", "ca serait pratique", "ca serait utile", "il serait utile", "il serait pratique",
		"il serait bien", "serait il possible d ajouter", "serait il envisageable", "envisagez vous",
		"est il prevu", "est ce prevu", "prevoyez vous", "avez vous prevu", "pourriez vous ajouter",
		"pouvez vous ajouter", "ajouter une option", "ajouter la possibilite", "possibilite d ajouter",
		"idee", "idees", "souhait", "proposition", "nous aimerions pouvoir", "j aimerais pouvoir",
		"on aimerait pouvoir", "il manque une option", "il manquerait",
		"feature request", "feature", "features", "new feature", "enhancement", "enhancements", "improvement",
		"improvements", "suggestion", "suggestions", "it would be nice", "it would be great", "it would be helpful",
		"it would be useful", "would be nice", "would be great", "would be helpful", "would be useful",
		"would it be possible to add", "could you add", "can you add", "is it planned", "is there a plan",
		"on the roadmap", "roadmap", "wishlist", "wish list", "nice to have", "idea", "ideas", "we would love",
		"we d love", "i d love", "would love to", "we would like to be able", "we d like to be able",
		"i would like to be able", "add an option", "add the option", "add the ability", "option to", "ability to",
	))
	add(e(ShapeSeeBelow)(
		"voir ci dessous", "voir plus bas", "voir en dessous", "voir le message ci dessous", "voir mail ci dessous",
		"voir le mail ci dessous", "voir courriel ci dessous", "voir message ci dessous", "ci dessous", "cf ci dessous",
		"cf dessous", "cf plus bas", "pour info", "pour information", "pour votre information", "pour action",
		"je vous transfere", "je vous fais suivre", "je transfere", "transfere", "en transfert", "fyi", "fwiw",
		"see below", "see the email below", "see email below", "see the message below", "see message below",
		"see the mail below", "please see below", "see trail below", "see thread below", "below", "forwarding",
		"forwarded", "i m forwarding", "passing this on", "escalating", "escalade", "j escalade", "en escalade",
		"please see", "please advise", "merci de voir", "merci de regarder", "please look", "please check",
		"pls see", "voir pj", "see attached",
	))
	add(e(ShapeResolved)(
		"ca fonctionne a nouveau", "ca marche a nouveau", "fonctionne de nouveau", "fonctionne a nouveau",
		"remarche", "refonctionne", "ca remarche", "c est revenu", "tout est revenu", "est revenu", "sont revenus",
		"est rentre dans l ordre", "rentre dans l ordre", "c est resolu", "probleme resolu", "resolu", "c est regle",
		"probleme regle", "ca fonctionne maintenant", "ca marche maintenant", "fonctionne maintenant",
		"vous pouvez fermer", "vous pouvez clore", "vous pouvez cloturer", "ticket peut etre ferme",
		"it works now", "working now", "works now", "working again", "works again",
		"back online", "back to normal", "resolved", "it s resolved", "sorted",
		"problem solved", "issue solved", "issue resolved", "you can close", "please close", "can be closed",
		"no longer needed", "plus besoin", "ignore my previous", "ignorez mon precedent",
		"never mind", "nevermind",
	))

	// ---- modifiers ----
	// Patience is not impact: "pas urgent", "when you have a moment" say
	// how the customer waits, not how much is broken.
	add(e(ModPatient)(
		"pas urgent", "pas urgente", "pas tres urgent", "rien d urgent", "non urgent", "non urgente", "pas d urgence", "aucune urgence", "sans urgence", "pas presse", "rien ne presse", "pas de rush", "quand vous aurez le temps", "quand vous aurez un moment", "quand vous pourrez", "a votre convenance", "pas prioritaire", "basse priorite", "faible priorite", "priorite basse", "not urgent", "no urgency", "not time sensitive", "no rush", "no hurry", "not in a hurry", "when you have time", "when you get a chance", "when you have a moment", "at your convenience", "whenever you can", "whenever you get a chance", "low priority", "nothing urgent", "not pressing", "can wait", "peut attendre", "ca peut attendre", "not urgent at all", "pas urgent du tout", "not a priority", "pas une priorite", "rien qui presse",
	))
	add(e(ModReassure)(
		"pas bloquant", "non bloquant", "pas bloquante", "non bloquante", "n est pas bloquant", "ce n est pas bloquant",
		"rien de bloquant", "pas tres bloquant", "pas vraiment bloquant", "pas grave", "rien de grave", "pas critique", "non critique",
		"rien n est en panne",
		"rien n est bloque", "rien n est casse", "ce n est pas une panne", "pas une panne", "pas en panne",
		"n est pas en panne", "ne sont pas en panne", "pas d impact", "sans impact", "aucun impact", "peu d impact",
		"impact limite", "impact faible", "n affecte pas", "n empeche pas", "ne nous empeche pas", "ne bloque pas",
		"ne bloque rien", "ne nous bloque pas",

		"pas de panne",
		"not blocking", "non blocking", "nonblocking", "not a blocker", "not a big deal", "no big deal", "not critical", "non critical", "not serious", "nothing is down", "nothing s down", "nothing is broken", "nothing broken", "isn t down", "is not down",
		"aren t down", "are not down", "not down", "not an outage", "no outage", "no impact", "without impact",
		"little impact", "minimal impact", "doesn t affect", "does not affect", "doesn t prevent", "does not prevent",
		"doesn t stop us", "does not stop us", "not stopping us", "doesn t block", "does not block",

		"not a problem", "not an issue", "pas un probleme", "pas de probleme",
		"pas de souci", "aucun probleme", "aucun souci", "no issue", "no issues",
	))
	add(e(ModMinor)(
		"mineur", "mineure", "mineurs", "mineures", "petit", "petite", "petits", "petites", "leger", "legere",
		"legers", "legerement", "detail", "details", "anodin", "anecdotique", "minime",
		"minor", "small", "little", "slight", "slightly", "tiny", "trivial", "cosmetic only", "minimal", "niggle", "nitpick", "seulement",
	))
	add(e(ModWorkaround)(
		"contournement", "solution de contournement", "solution temporaire", "solution provisoire",
		"pour l instant on", "pour le moment on", "on passe par", "nous passons par", "en passant par", "manuellement",
		"a la main", "a la mano",

		"apres redemarrage", "apres un redemarrage", "en redemarrant", "un redemarrage regle",
		"workaround", "work around", "workarounds", "temporary fix", "temporary solution", "in the meantime we", "en attendant on", "en attendant nous",
		"meanwhile", "for now we", "for the moment we", "manually", "by hand",

		"after a restart", "after restarting", "restarting fixes", "a reboot fixes",
		"rebooting fixes", "if we restart", "si on redemarre", "en mode degrade",
		"degraded mode", "on a contourne", "we worked around",
	))
	add(e(ModHypo)(
		"si jamais", "au cas ou", "en cas de", "dans le cas ou", "dans l hypothese", "hypothese", "hypothetique",
		"que faire si", "que se passe t il si", "que se passerait il", "qu arrive t il si", "qu est ce qui se passe si",
		"que doit on faire si", "que devons nous faire si", "quelle est la procedure", "quelle procedure",
		"la procedure si", "la procedure en cas", "en prevision", "pour anticiper", "anticiper", "preventif",
		"preventive", "pendant la maintenance", "lors de la maintenance", "durant la maintenance", "maintenance prevue",
		"maintenance programmee", "prochaine maintenance", "prochaine mise a jour", "future mise a jour",
		"la mise a jour de", "avant la mise a jour", "y aura t il", "est ce que ca va", "est ce que cela va",
		"risque t on", "risquons nous", "est ce qu on risque",
		"supposons", "imaginons", "par exemple si", "si un jour",
		"if ever", "ever", "in case", "in the event", "what if", "what happens if", "what would happen",
		"what should we do if", "what do we do if", "what do i do if", "what is the procedure", "what s the procedure",
		"procedure if", "procedure in case", "just in case", "suppose", "supposing", "hypothetically",
		"hypothetical", "to prepare", "preparing for", "planned maintenance",
		"scheduled maintenance", "upcoming maintenance", "during the maintenance", "during maintenance",
		"next update", "upcoming update", "the upcoming", "will there be",
		"should we expect", "is it likely",
	))
	add(e(ModPast)(
		"hier", "avant hier", "la semaine derniere", "le mois dernier", "ce matin pendant", "pendant quelques minutes",
		"quelques minutes", "une fois", "une seule fois", "brievement", "brievement", "momentanement",
		"yesterday", "last week", "last month", "for a few minutes", "a few minutes", "briefly", "once",
		"only once", "momentarily", "for a moment", "earlier today",
	))
	add(e(ModNegation)(
		"pas d erreur", "aucune erreur", "sans erreur", "no error", "no errors", "without error", "without errors",
		"without any error", "pas de message d erreur", "aucun message d erreur", "no error message",
	))

	// ---- scope, continued ----
	// "nos caisses", "the tills": every till of the customer.
	add(e(ScopeAll)(cross(words("nos|mes|les|vos"), words("caisses|caises|terminaux|tpe|bornes|tourniquets|portiques|scanners|douchettes|guichets|lecteurs|kiosques|terminaux de paiement"))...))
	add(e(ScopeAll)(cross(words("our|my|the|your"), words("tills|registers|terminals|card terminals|card readers|kiosks|gates|turnstiles|scanners|checkouts|pos terminals|readers"))...))
	// "nos 5 caisses", "all 6 tills" are all of them; "2 de nos 5
	// caisses", "two of our tills", "6 sur 12" are some.
	numFR := words("#")
	numEN := words("#")
	add(e(ScopeAll)(cross(words("nos|les|mes|tous nos|toutes nos|tous les|toutes les|l ensemble de nos|nos|aucun de nos|aucune de nos|aucun des|aucune des|chacun de nos|chacune de nos"), cross(numFR, countableFR))...))
	add(e(ScopeAll)(cross(words("our|the|all|all our|all of our|all the|all of the|none of our|none of the|each of our|every one of our|my"), cross(numEN, countableEN))...))
	add(e(ScopeAll)(cross(words("all|tous les|toutes les|les|all of the|both"), numEN)...))
	add(e(ScopeMany)(cross(numFR, cross(words("de nos|des|sur|de mes"), countableFR))...))
	add(e(ScopeMany)(cross(numFR, cross(words("de nos|sur"), cross(words("#"), countableFR)))...))
	add(e(ScopeMany)(cross(numFR, words("sur #|sur les #|des #|de nos #"))...))
	add(e(ScopeMany)(cross(numEN, cross(words("of our|of the|of my|out of"), countableEN))...))
	add(e(ScopeMany)(cross(numEN, cross(words("of our|of the|out of|of"), cross(words("#"), countableEN)))...))
	add(e(ScopeMany)(cross(numEN, words("out of #|of # of|of our #|of the #"))...))
	// "none of our box office staff", "aucun de nos 420 salariés": a few
	// words may stand between the quantifier and the noun.
	strongAllEN := words("none of our|none of the|all our|all of our|all the|every one of our")
	strongAllFR := words("aucun de nos|aucune de nos|tous nos|toutes nos|tous les|toutes les|l ensemble de nos|l ensemble des")
	add(e(ScopeAll)(cross(strongAllEN, cross(words("~"), countableEN))...))
	add(e(ScopeAll)(cross(strongAllFR, cross(words("~"), countableFR))...))
	placesEN := words("pharmacies|surgeries|clinics|practices|schools|campuses|libraries|gyms|museums|car parks|warehouses|depots|hospitals|wards|rooms|bedrooms|guests|patients|residents|nurses|carers|lanes|tils|lifts|buses|vehicles|drivers|salespeople|reps")
	placesFR := words("pharmacies|cabinets|cliniques|ecoles|campus|mediatheques|bibliotheques|salles de sport|musees|parkings|entrepots|depots|hopitaux|services hospitaliers|chambres|patients|residents|soignants|infirmieres|commerciaux|vehicules|bus|valideurs|serrures|cartes cles|telephones|lignes")
	add(e(ScopeAll)(cross(words("all|all our|all of our|all the|every|none of our|none of the|no|our"), placesEN)...))
	add(e(ScopeAll)(cross(strongAllEN, cross(words("~"), placesEN))...))
	add(e(ScopeAll)(cross(words("tous nos|toutes nos|tous les|toutes les|aucun de nos|aucune de nos|aucun|aucune|nos"), placesFR)...))
	add(e(ScopeAll)(cross(strongAllFR, cross(words("~"), placesFR))...))
	// "none of the tills can", "no one can": everyone, and cannot.
	negAllEN := words("none of our|none of the|no|not one of our|none of my")
	var negCan []string
	for _, q := range negAllEN {
		for _, n := range countableEN {
			for _, v := range words("can|could|will|would|are able to|is able to|seem to|seems to|are|is|work|works|are working|is working|accept|are accepting") {
				negCan = append(negCan, q+" "+n+" "+v, q+" ~ "+n+" "+v)
			}
		}
	}
	add(e(ScopeAll, BreakCannot)(negCan...))
	add(e(ScopeAll, BreakCannot)(
		"nobody can", "no one can", "noone can", "nobody could", "no one could", "nobody is able to",
		"no one is able to", "none of us can", "none of them can", "none of us could", "nobody s able to",
		"personne ne peut", "personne ne peuvent", "personne ne pouvait", "plus personne ne peut", "personne n arrive",
		"personne n arrive a", "personne ne parvient", "personne n a pu", "aucun de nous ne peut", "nul ne peut",
		"personne ne reussit", "personne peut", "personne est capable",
	))
	add(e(ScopeMany, BreakCannot)(
		"nobody in our ~ department can", "nobody in the ~ department can", "no one in our ~ department can",
		"no one in the ~ department can", "nobody in our ~ team can", "nobody in the ~ team can",
		"no one in our ~ team can", "no one in the ~ team can", "nobody in ~ can", "no one in ~ can",
		"personne au service ~ ne peut", "personne dans l equipe ~ ne peut", "personne du service ~ ne peut",
		"personne a la compta ne peut", "personne a l accueil ne peut",
	))
	// One of several locations is many users, not one.
	locFR := words("sites|magasins|boutiques|agences|succursales|bureaux|restaurants|hotels|cinemas|etablissements|points de vente|salles|entrepots|usines|antennes|campus")
	locEN := words("sites|stores|shops|branches|offices|locations|venues|restaurants|hotels|cinemas|theatres|warehouses|campuses|clinics|schools|factories|outlets")
	add(e(ScopeMany)(cross(words("un de nos|une de nos|l un de nos|l une de nos|un des|une des|notre"), cross(words("~"), locFR))...))
	add(e(ScopeMany)(cross(words("one of our|one of the|our"), cross(words("~"), locEN))...))
	add(e(ScopeMany)(cross(words("one of our ~|our"), words("office|store|shop|branch|site|venue"))...))
	add(e(ScopeOne)(cross(words("one of our|one of the|one of my"), countableEN)...))
	add(e(ScopeOne)(cross(words("un de nos|une de nos|l un de nos|l une de nos|un des|une des|un de mes|une de mes"), countableFR)...))
	// "caisse 4", "till 2", "printer 3": one device named by its number.
	add(e(ScopeUnit)(cross(words("caisse|poste|terminal|tpe|borne|imprimante|tablette|ecran|salle|kiosque|lecteur|scanner|till|register|printer|kiosk|tablet|screen|room|lane|station|pc|laptop|device|reader|gate|porte|entree"), words("#|no #|n #|number #"))...))
	add(e(ModOthersFine)(
		"everyone else", "everybody else", "all the others", "the others", "the other one", "the other ones",
		"tous les autres", "toutes les autres", "les autres", "l autre", "tout le monde sauf", "sauf un", "sauf une",
		"except one", "except for one", "all except", "apart from one", "others are fine", "rest are fine",
		"are fine", "is fine", "are ok", "is ok", "are okay", "is okay", "is grand", "are grand", "sont ok", "est ok",
		"vont bien", "va bien", "marchent bien", "fonctionnent bien", "marche bien", "fonctionne bien",
		"fonctionnent normalement", "fonctionne normalement", "marchent normalement", "marche normalement",
		"marchent correct", "marche correct", "fonctionnent correctement", "fonctionne correctement",
		"normalement", "normally", "as normal", "as usual", "trading normally", "working normally", "works normally",
		"work normally", "work fine", "works fine", "working fine", "work ok", "works ok", "still works",
		"still work", "still working", "still going through", "going through fine", "go through fine",
		"are going through", "is going through", "still selling", "still trading", "still open", "can still",
		"we can still", "still able to", "we are still able", "are still able", "is still able", "still possible",
		"toujours possible", "reste possible", "on peut toujours", "nous pouvons toujours", "on peut quand meme",
		"nous pouvons quand meme", "on arrive quand meme", "arrivent quand meme", "arrive quand meme",
		"quand meme", "tout de meme", "ca marche", "ca fonctionne", "ca va", "c est ok", "tout fonctionne",
		"tout marche", "tout le reste fonctionne", "le reste fonctionne", "le reste marche", "sinon tout fonctionne",
		"everything else works", "everything else is working", "everything else is fine", "otherwise works",
		"otherwise working", "otherwise fine", "all good otherwise", "reste utilisable", "restent utilisables",
		"still usable", "still running", "sans souci", "sans probleme", "sans problemes", "no problem", "no problems",
		"no issue with", "no issues with", "n ont pas de probleme", "n a pas de probleme", "pas de probleme",
		"aucun probleme", "aucun souci", "pas de souci", "passent bien", "passent normalement", "encaissent normalement",
		"fonctionne sur", "marche sur", "works on", "work on", "works with", "works in", "fonctionne avec", "marche avec",
		"avec chrome", "with chrome", "sur chrome", "in chrome", "on chrome", "another browser", "autre navigateur",
		"un autre navigateur", "another computer", "another device", "un autre poste", "sur un autre poste",
		"sur une autre caisse", "depuis un autre poste", "from another", "from their phones", "on their phones",
		"unaffected", "not affected", "non impacte", "non impactes", "pas impacte", "pas impactes", "ne sont pas impactes",
		"n est pas impacte", "rien d autre", "nothing else", "only this", "seulement ce", "uniquement ce",
	))

	// ---- consequence, continued ----
	add(e(ConseqStopped)(
		"on a ferme", "nous avons ferme", "we ve closed", "we have closed", "we closed", "on a du fermer",
		"nous avons du fermer", "had to shut", "shut the doors", "fermer les portes", "ferme les portes", "turned away", "being turned away", "turn people away", "refoules", "refouler", "refoule", "stopped production",
		"production has stopped", "line stopped", "ligne arretee", "chaine arretee", "can t trade",
		"cannot trade", "unable to trade", "ne pouvons pas travailler", "can t open the doors", "cannot open",
		"ne peut entrer", "ne peuvent entrer", "ne peut pas entrer", "ne peuvent pas entrer", "ne peuvent plus entrer",
		"can t get in", "cannot get in", "can t get into the building", "camions en attente", "trucks waiting",
		"lorries waiting", "aucune entree", "no entry", "pas de recette", "no revenue", "zero revenue",
		"ne vend plus", "ne vendons plus", "ne vendent plus", "ne peut plus vendre", "ne peuvent plus vendre",
		"plus de ventes", "plus aucune vente", "sales have stopped", "sales stopped", "no sales at all",
		"not selling", "can t take any", "cannot take any", "can t take money", "aucun paiement",
		"no payments", "no payment", "payments are down", "paiements ne passent plus", "ne peut plus payer",
		"ne peuvent plus payer", "ne peuvent pas payer", "can t pay", "cannot pay", "unable to pay", "can t check out",
	))
	add(e(ConseqWork)(
		"show tonight", "event tonight", "concert tonight", "performance tonight", "match tonight", "game tonight",
		"spectacle ce soir", "representation ce soir", "evenement ce soir", "concert ce soir", "match ce soir",
		"doors open", "guests arriving", "audience waiting", "visitors waiting", "visitors stuck", "ouverture des portes",
		"portes ouvrent", "le public attend", "spectateurs attendent", "visiteurs attendent", "visiteurs bloques",
		"queue", "queues", "queuing", "queueing", "long queue", "a queue", "line at", "lines at", "file d attente", "files d attente", "queue de clients", "clients qui attendent", "clients attendent",
		"customers waiting", "customers are waiting", "customers queuing", "queue of customers",
		"tomorrow morning", "demain matin", "demain a", "tomorrow at", "by friday", "by monday", "d ici vendredi",
		"avant vendredi", "avant lundi", "due on", "due by", "due next", "is due", "are due", "doivent etre",
		"au plus tard", "at the latest", "board meeting", "conseil d administration", "investors", "investisseurs",
		"inspectors", "inspecteurs", "regulator", "regulateur", "auditeurs", "auditors", "safety", "securite",
		"evacuation", "ne peuvent pas aller", "can t go on site", "cannot go on site",
	))
	add(e(ConseqBreach)(
		"data breach", "security breach", "privacy breach", "gdpr breach", "personal data breach", "breach of data",
		"breach of personal data", "data leak", "leak", "leaking", "leaked", "fuite de donnees", "fuite des donnees",
		"fuite", "donnees d un autre", "donnees d une autre", "donnees d autres", "another company", "other company",
		"another organisation", "another organization", "other organisation", "autre entreprise", "autre societe",
		"un autre client", "une autre entreprise", "une autre societe", "another customer s", "other customers data",
		"someone else s data", "hacked", "piratage", "pirate", "pirates", "compromised", "ransomware",
		"rancongiciel", "malware", "intrusion", "cyberattaque", "cyber attack", "cyberattack", "unauthorised access",
		"unauthorized access", "acces non autorise",
	))
	// "Compromis" is mostly "jeopardised" in French, "breach" of a contract
	// or a rule is a deadline: data exposure only when it is data or an
	// account that is compromised.
	add(e(ConseqBreach)(cross(words("compte|comptes|serveur|serveurs|poste|postes|donnees|mot de passe|mots de passe|site|boite mail|messagerie|identifiants|account|accounts|server|password|passwords|credentials"), words("compromis|compromise|compromises|compromised"))...))
	add(e(ConseqWork)("breach of contract", "in breach", "reportable breach", "breach of the sla", "sla breach",
		"rupture de contrat", "penalites", "penalties", "est compromis", "est compromise", "sont compromis",
		"sont compromises", "compromet", "compromettre", "en peril", "at risk", "is at risk", "are at risk"))

	// ---- breakage, continued ----
	add(e(BreakDown)(
		"is down", "are down", "was down", "were down", "been down", "s down", "re down", "went down", "goes down",
		"gone down", "go down", "going down", "down since", "down again", "still down", "totally down",
		"completely down", "all down", "down all", "down for", "system down", "site down", "server down",
		"servers down", "network down", "tills down", "platform down", "portal down", "app down", "downtime",
		"down time", "broke down", "broken down", "break down", "breaks down", "restarts on its own",
		"restarts by itself", "reboots on its own", "redemarre tout seul", "redemarre toute seule",
		"redemarre seule", "se relance toute seule", "se relance tout seul", "s eteint", "s eteignent", "shuts down",
		"shut down", "switches off", "turns off by itself", "ecran noir", "injoignable", "ne repond plus du tout",
	))
	add(e(BreakNotWorking)(
		"hasn t worked", "hasnt worked", "haven t worked", "has not worked", "have not worked", "never finishes",
		"never completes", "never arrived", "never arrives", "never loads", "never goes through", "never worked",
		"ne se termine jamais", "n aboutit pas", "n aboutit jamais", "n aboutit plus", "don t seem to", "doesn t seem to",
		"does not seem to", "do not seem to", "ne semble pas", "ne semblent pas", "ne semble plus", "ne semblent plus",
		"not being", "aren t being", "isn t being", "haven t been", "hasn t been", "have not been", "has not been",
		"not going out", "don t go out", "doesn t go out", "not sending", "isn t sending", "aren t sending",
		"stopped sending", "not sent", "not received", "never received", "ne sont plus", "n est plus", "n ont plus",
		"ne recoi* plus", "ne recoi* pas", "ne recev* plus", "ne recev* pas", "ne s affiche* plus", "jamais arrive", "jamais arrives",
		"pas ete envoye", "pas ete envoyes", "pas ete cree", "pas ete crees", "ne sont pas crees", "ne sont plus crees",
		"ne sont pas envoyes", "ne sont pas mis a jour", "ne se met plus a jour", "ne se mettent plus a jour",
		"ne se met pas a jour", "ne sont pas synchronises", "ne sont pas inscrits", "ne sont pas enregistres",
		"n est pas envoye", "n est pas mis a jour", "n est pas enregistre", "y se passe rien", "il ne se passe rien",
		"rien ne se passe", "nothing happens", "does nothing", "ne fait rien", "fait rien", "no response",
		"aucune reaction", "not updating", "isn t updating", "aren t updating", "stopped updating", "not applying",
		"isn t applying", "aren t applying", "not saving", "won t save", "doesn t save", "ne s enregistre pas",
		"ne s enregistre plus", "not enrolled", "not enrolling", "not creating", "not generated", "not generating",
		"n ont pas acces", "n a pas acces", "n ont plus acces", "n a plus acces", "pas d acces", "plus d acces",
		"aucun acces", "no access", "lost access", "perdu l acces", "locked out", "greyed", "gone wrong",
		"went wrong", "has gone wrong", "something went wrong", "plus moyen de", "expired", "has expired",
		"have expired", "a expire", "ont expire", "expiree", "expirees", "est expiree", "sont expirees",
	))
	add(e(BreakNotWorking)(cross(words("ca|sa|cela|ce|c|ça"), cross(words("marche|marchent|fonctionne|fonctionnent|va|repond|passe|imprime|charge|demarre"), words("pas|plus|pu|pus|pas du tout|plus du tout|toujours pas|plus rien")))...))
	add(e(BreakDown)("not available", "isn t available", "is not available", "aren t available", "n est pas disponible",
		"n est plus disponible", "pas disponible", "plus disponible", "ne sont pas disponibles", "ne sont plus disponibles"))
	add(e(ShapeChange)("swap", "swap them", "inverser", "intervertir", "reorder", "change the order", "changer l ordre",
		"modifier l ordre", "in the wrong order", "dans le mauvais ordre", "move the", "deplacer le", "deplacer la"))
	add(e(ModOthersFine)("we ve moved", "we have moved", "moved staff", "on redirige", "nous redirigeons", "redirecting",
		"on envoie le monde", "on envoie les clients", "sending everything through", "sending them to", "redirige",
		"on oriente", "oriente les clients", "sending people to", "directing people to"))
	add(e(BreakWrong)("disparu", "disparus", "disparue", "disparues", "disappeared", "went missing", "n apparai* plus",
		"n apparai* pas", "n apparait plus", "n apparaissent plus", "is missing", "are missing", "no longer shows",
		"no longer appears", "not showing up"))
	add(e(ShapeResolved)("back up", "all back up", "are back up", "is back up", "back up and running", "back online",
		"thanks for sorting", "thanks for fixing", "thanks for resolving", "thank you for sorting", "thank you for fixing",
		"merci d avoir regle", "merci d avoir resolu", "merci d avoir corrige", "merci pour la resolution",
		"merci pour la correction", "merci pour votre intervention", "merci pour l intervention"))
	add(e(Neutral)("the back up", "a back up", "le back up", "back up web", "back up page"))
	// Something done in part on purpose is no fault: "un remboursement
	// partiel", "a partial refund", "un inventaire partiel".
	add(e(Neutral)(cross(words("remboursement|remboursements|rembourser|paiement|paiements|inventaire|inventaires|livraison|livraisons|annulation|avoir|refund|refunds|payment|payments|stocktake|stock take|inventory|delivery|deliveries|cancellation|shipment"), words("partiel|partiels|partielle|partielles|partiellement"))...))
	add(e(Neutral)(cross(words("partial|partially|part"), words("refund|refunds|refunding|refunded|payment|payments|paid|stocktake|stock take|inventory|delivery|deliveries|shipment|cancellation"))...))
	add(e(Neutral)("rembourser partiellement", "remboursement en partie", "refund part of", "refund only part"))
	add(e(ShapeChange)("possible d ajouter", "possible de changer", "possible de modifier", "possible d afficher",
		"possible de mettre", "possible d avoir", "possible to add", "possible to change", "possible to show",
		"possible to have", "possible to display", "can we have", "could we have", "can we add", "could we add",
		"can we change", "could we change", "can we get", "could we get", "peut on ajouter", "peut on changer",
		"peut on modifier", "peut on avoir", "pourrait on", "on pourrait", "est ce qu on peut ajouter",
		"est ce qu on pourrait", "pourrions nous avoir", "serait il possible d avoir"))
	add(e(BreakCosmetic)("fonts", "the font", "wrong font", "format de date", "format des dates",
		"date format", "format americain", "american format"))
	add(e(FuncDevice)("le son", "du son", "son de la", "son du"))
	add(e(BreakCosmetic)("upside down", "a l envers", "sens dessus dessous", "rotated", "sideways", "inverse"))
	add(e(ShapeResolved)("seems fine now", "fine now", "ok now", "okay now", "all good now", "semble ok", "ca semble aller",
		"tout va bien maintenant", "everything is fine now", "everything s fine now", "seems to be working now",
		"semble refonctionner", "ca a l air d aller", "tout est rentre dans l ordre", "recovered on its own",
		"came back on its own", "est revenu tout seul", "est revenue toute seule", "s est debloque", "s est remis"))
	add(e(ModReassure)("working perfectly", "works perfectly", "work perfectly", "fonctionne parfaitement",
		"marche parfaitement", "fonctionne tres bien", "marche tres bien", "is working fine", "are working fine",
		"just flagging", "just letting you know", "just so you know", "for your information only", "pour info seulement",
		"juste pour signaler", "je signale juste", "juste pour info", "not sure if you need to do anything",
		"no action needed", "aucune action"))
	add(e(Neutral)(cross(notWorkVerbs, words("plus facilement|plus rapidement|plus vite|plus simplement|plus souvent|plus de|plus que|plus tard|plus tot|pas mal|plus longtemps"))...))
	add(e(ShapeChange)("nous souhaiterions", "je souhaiterais", "nous aimerions", "on aimerait",
		"we would love", "we d love to have", "we would prefer", "nous preferions", "we d prefer"))
	// "chaque paiement échoue", "every scan comes up red": the whole
	// function, for everyone.
	add(e(ScopeAll)(cross(words("chaque|every|each|tous les|toutes les|all|aucun|aucune|plus aucun|plus aucune|none of the|every single|aucun des|aucune des"), words("paiement|paiements|payment|payments|transaction|transactions|scan|scans|ticket|tickets|billet|billets|commande|commandes|order|orders|vente|ventes|sale|sales|carte|cartes|card|cards|connexion|connexions|login|logins|reservation|reservations|booking|bookings|badge|badges|appel|appels|call|calls|reunion|reunions|meeting|meetings"))...))
	add(e(ConseqStopped)("0 commande", "0 commandes", "0 vente", "0 ventes", "0 order", "0 orders", "0 sales", "zero orders",
		"zero order", "no orders", "aucune commande n aboutit", "ni vendre", "ne peut ni vendre", "ne peuvent ni vendre",
		"renvoie les clients", "renvoyer les clients", "on renvoie", "clients renvoyes", "sending customers away",
		"send customers away", "sending people home", "sending people away", "renvoyer les gens", "on renvoie les gens"))
	add(e(BreakDegraded)(
		"gresille", "gresillent", "gresillement", "crepite", "crepitent", "crepitement", "crackling", "crackles",
		"crackle", "buzzing", "buzz", "distorted", "distortion", "flicker", "flickers", "flickering", "clignote",
		"clignotent", "scintille", "echo", "larsen", "feedback", "saccade", "saccadee", "saccades", "choppy",
		"stutters", "stuttering", "pixelise", "pixelated", "drops out", "dropping out", "drops", "decroche",
		"decrochent", "se deconnecte", "se deconnectent", "deconnexions", "disconnects", "keeps disconnecting",
		"keeps dropping", "coupe", "coupent", "traits blancs", "lignes blanches", "streaks", "white lines",
		"faded", "pale", "illisible", "illisibles", "unreadable", "hard to read", "blurry", "flou", "floue",
		"bruit", "noise", "noisy", "grainy", "no sound", "pas de son", "plus de son", "no audio", "no picture",
		"pas d image", "plus d image", "mauvaise qualite", "poor quality", "bad quality", "lag", "laggy", "delay",
		"decalage", "out of sync", "desynchronise", "double scan", "two or three goes", "several tries",
		"plusieurs essais", "plusieurs tentatives", "needs several", "faut recommencer", "have to retry",
	))
	add(e(BreakWrong)(
		"preleve deux fois", "preleves deux fois", "prelevement en double", "double prelevement", "debite deux fois",
		"facture deux fois", "factures deux fois", "charged twice", "double charge", "double charged", "billed twice",
		"double billing", "double facturation", "0 %", "0%", "zero percent", "shows 0", "affiche 0",
		"showing 0", "wrong figures", "mauvais chiffres", "chiffres faux", "wrong numbers", "wrong amount",
		"mauvais montant", "montant faux", "wrong price", "mauvais prix", "prix faux",
	))
	add(e(BreakSometimes)(
		"once a day", "twice a day", "a few times a day", "several times a day", "une fois par jour",
		"deux fois par jour", "plusieurs fois par jour", "quelques fois par jour", "toutes les heures",
		"a toutes les heures", "every hour", "every few hours", "once a week", "une fois par semaine",
		"from time to time", "certains jours", "some days", "sometimes", "not always", "pas toujours",
	))
	add(e(BreakCosmetic)(
		"faute", "fautes", "erreur de frappe", "spelt", "spelled wrong", "spelt wrong", "spelling mistake",
		"spelling error", "pas joli", "pas jolie", "moche", "ugly", "not pretty", "just the look", "the look of",
		"juste l aspect", "look and feel", "the wording", "le texte", "the text", "le libelle", "the label",
		"couleur", "police d ecriture",
	))
	add(e(ModReassure)(
		"nothing is wrong", "nothing s wrong", "nothing wrong", "nothing is broken", "rien n est casse",
		"rien ne cloche", "pas la fin du monde", "not the end of the world", "pas dramatique",
		"n est pas dramatique", "rien de dramatique", "not a disaster", "pas catastrophique", "ca se gere",
		"on gere", "we re managing", "we are managing", "we can manage", "we manage", "manageable", "getting by",
		"we re getting by", "on se debrouille", "nous nous debrouillons", "pas genant", "not a huge deal",
		"at the moment everything", "right now everything", "for the moment everything",
		"no impact on", "aucun impact sur", "pas d impact sur", "rien d autre n est impacte", "nothing else is affected",
		"nothing else affected", "no one is affected", "nobody is affected", "personne n est impacte",
		"not due till", "not due until", "pas avant", "no deadline", "pas de date limite",
	))
	add(e(ModWorkaround)(
		"for now", "pour l instant", "pour le moment", "in the meantime", "en attendant on", "en attendant nous",
		"en attendant elle", "en attendant il", "en attendant ils", "en attendant", "meanwhile", "for the time being",
		"temporairement", "temporarily", "work it out", "worked it out", "work around it", "on contourne",
		"we re using", "we are using", "on a deplace", "nous avons deplace",
		"paper", "papier", "on a dit de passer par", "passer par", "going through the", "writing", "on note",
		"handwritten", "a la main", "by hand", "manually", "manuellement", "manual", "manuel", "manuelle",
		"faut la redemarrer", "faut le redemarrer", "il faut redemarrer", "after a reboot", "a reboot", "se retablit",
	))
	add(e(ModFuture)(
		"will the", "will it", "will they", "will we", "will there", "will our", "will new", "will my", "will that",
		"would the", "would it", "would they", "would we", "should we", "shall we", "going to", "va t il", "va t elle",
		"vont ils", "vont elles", "sera t il", "sera t elle", "seront ils", "seront elles", "fonctionneront",
		"fonctionnera", "marcheront", "marchera", "pourront", "pourra t on", "pourrons nous", "faudra t il", "devrons nous",
		"est ce que ca va", "allons nous", "serons nous", "aurons nous", "y aura t il", "risque t on", "next",
		"prochain", "prochaine", "prochains", "prochaines", "a venir", "upcoming", "during", "pendant", "durant",
		"lors de", "lors du", "au moment de", "planned", "prevu", "prevue", "programme", "programmee", "scheduled",
	))
	add(e(ModHypo)(
		"planned outage", "planned maintenance", "planned downtime", "maintenance planned", "scheduled downtime",
		"coupure prevue", "coupure programmee", "maintenance prevue", "maintenance programmee", "intervention prevue",
		"travaux prevus", "works planned", "plan b", "plan de continuite", "continuity plan", "contingency",
		"business continuity", "risk register", "fallback", "procedure de secours", "procedure degradee",
		"what s the recommended", "what is the recommended", "quelle est la procedure", "quelle procedure",
		"what happens if", "what would happen if", "que se passe t il si", "que se passe t il en cas",
		"que faut il faire si", "que faire en cas", "in case of", "just to be ready", "to be ready", "pour etre pret",
		"pour etre prets", "etre prets", "be prepared", "be ready", "nothing s wrong right now", "nothing is wrong right now",
	))
	add(e(ShapeHowTo)(
		"how do i", "how do we", "how can i", "how can we", "how to", "how should i", "how should we", "how would i",
		"how would we", "how do you", "comment faire", "comment je fais", "comment on fait", "comment fait on",
		"comment puis je", "comment peut on", "comment pouvons nous", "comment dois je", "comment je peux",
		"comment on peut", "comment pourrais je", "comment pourrait on", "comment est ce qu on", "comment proceder",
		"ou trouver", "ou puis je trouver", "ou peut on trouver", "ou se trouve", "where can i find", "where do i find",
		"where can we find", "where do we find", "where is the setting", "je n ai pas trouve", "je ne trouve pas",
		"n ai pas trouve", "pas trouve", "can t find", "cannot find", "couldn t find", "could not find",
		"can t seem to find", "unable to find", "ne trouve pas", "ne trouvons pas", "is there a setting",
		"y a t il un parametre", "un tuto", "a tutorial", "vous avez un tuto", "la procedure pour", "the steps to",
		"les etapes pour", "mode d emploi", "user guide", "documentation",
	))
	add(e(ShapeAsk)(
		"when", "which", "what", "where", "why", "who", "is there", "are there", "is it", "are we", "can i", "can we",
		"could i", "could we", "do you", "do we", "does it", "does the", "did something", "did you", "have you",
		"has something", "should i", "quel", "quelle", "quels", "quelles", "quand", "comment", "pourquoi", "ou",
		"est ce que", "est ce qu", "y a t il", "peut on", "puis je", "pouvons nous", "pourrions nous", "faut il",
		"dois je", "doit on", "avez vous", "existe t il", "est il", "est elle", "sont ils", "any", "a t on",
		"is that", "is this", "est ce", "c est normal", "is it normal",
	))
	add(e(ShapeDocument)(
		"root cause", "rca", "incident report", "post mortem", "postmortem", "rapport d incident", "compte rendu",
		"explication de l incident", "analyse de l incident", "written explanation", "explication ecrite",
	))
	add(e(ShapeChange)(cross(words("say|says|show|shows|display|read|print|prints|use|indique|indiquer|affiche|afficher|dise|mettre|mette|ecrire|utiliser|ecrit"), cross(words("~"), words("rather than|instead of|plutot que|au lieu de|a la place de")))...))
	add(e(ShapeChange)(
		"put ~ back", "pouvez vous l ajouter", "vous pouvez l ajouter", "pourriez vous l ajouter",
		"l ajouter", "add it back", "can it be added", "could it be added", "en plus", "pourriez vous le corriger",
		"pouvez vous le corriger", "fix the wording", "mark it complete",
		"reset it", "reinitialiser son", "reset his", "reset her", "unlock", "debloquer", "deverrouiller",
	))
	add(e(Neutral)(
		"offline mode", "mode hors ligne", "mode hors connexion", "mode degrade", "turned it off and on",
		"turned it off and on again", "off and on again", "turn it off and on", "was fine", "were fine",
		"was working", "were working", "worked fine", "used to", "fonctionnait bien", "marchait bien", "avant c etait",
		"not sure", "pas sur", "pas sure", "no longer needed", "not resolved", "pas resolu", "toujours pas resolu",
		"still not fixed", "non resolu", "en regle", "la regle", "une regle", "les regles", "regle de",
		"not connected with", "no connection to", "aucun lien", "pas de lien", "si vous avez besoin", "if you need",
		"if you have any", "if needed", "si besoin", "si necessaire", "if necessary", "if possible", "si possible",
		"if you can", "si vous pouvez", "if that helps", "si ca peut aider", "if it helps", "down payment",
		"download", "bring it back down", "back down", "slow down", "calm down", "down the", "up and down",
		"dans l attente", "en attente de votre", "awaiting your", "merci d avance", "thanks in advance",
		"back office", "backoffice", "back end", "log file", "logs", "print queue", "the queue and", "in the queue", "to the queue", "file d impression", "la file d impression", "user manual", "le manuel", "manuel utilisateur",
	))

	// One site of several: "our Rotterdam office", "le bâtiment B", "notre
	// site de Quimper". The whole of a site stays everyone.
	add(e(ScopeAll)(cross(words("our whole|our entire|notre|tout notre|toute notre"), words("office|store|shop|site|building|bureau|magasin|boutique|batiment"))...))
	add(e(ScopeMany)(cross(words("our ~"), words("office|store|shop|branch|site|venue|warehouse|clinic|school|hotel|cinema|depot|campus|building"))...))
	add(e(ScopeMany)(cross(words("at our|in our"), words("office|store|shop|branch|site|venue|warehouse|clinic|school|hotel|cinema|depot"))...))
	add(e(ScopeMany)(cross(words("notre|du|de notre|a notre|dans notre"), cross(words("site|magasin|boutique|agence|bureau|cinema|entrepot|hotel|restaurant|succursale|campus|ecole|clinique|pharmacie|etablissement"), words("de|d|du|a")))...))
	add(e(ScopeMany)(cross(words("batiment|building|bloc|block|site|wing|aile|etage|floor"), words("a|b|c|d|e|#|nord|sud|est|ouest|north|south|east|west"))...))
	add(e(ModOthersFine)(cross(words("et|and"), cross(words("~"), words("fonctionnent|marchent|sont ok|vont bien|are working|are working normal|work|are fine|are ok|are unaffected|ne sont pas touches|n ont rien|are trading|tournent")))...))
	// One person or one device said without a listed noun: "one of our
	// architects", "the back till", "on my phone".
	add(e(ScopeOne)("one of our", "one of my", "un de nos", "une de nos", "l un de nos", "l une de nos", "un de mes", "une de mes"))
	unitNouns := words("till|register|terminal|printer|screen|kiosk|tablet|laptop|computer|pc|phone|mobile|smartphone|mouse|keyboard|scanner|reader|drawer|room|gate|door|caisse|imprimante|ecran|borne|tablette|portable|ordinateur|pc|telephone|smartphone|souris|clavier|douchette|lecteur|tiroir|salle|porte|poste|tpe")
	add(e(ScopeUnit)(cross(words("the back|the front|the second|the third|the first|the last|the left|the right|the old|the spare|my|her|his|mon|ma|son|sa|la premiere|la deuxieme|la seconde|la troisieme|la derniere|l ancienne|le premier|le deuxieme|le second|le dernier|l ancien|la vieille"), unitNouns)...))
	// "n'est pas détectée", "ne sont plus synchronisés": the passive of
	// what should happen.
	add(e(BreakNotWorking)(cross(words("n est pas|n est plus|ne sont pas|ne sont plus|n a pas ete|n ont pas ete|n est jamais|ne sont jamais|n etait pas|n etaient pas"), words("detecte*|reconnu*|pris en compte|prise en compte|pris en charge|prise en charge|accept*|enregistr*|envoye*|synchronis*|imprime*|affiche*|charge*|valide*|transmis*|recu|recus|recue|recues|genere*|cree|crees|creee|creees|mis a jour|mise a jour|mises a jour|ouvert*|connecte*|lu|lue|lus|lues|scanne*|appliqu*|importe*|exporte*|calcule*|comptabilise*|declench*"))...))
	add(e(ModOthersFine)("les # autres", "the # others", "the other #", "les autres sont", "the others are", "the others work", "the rest are", "le reste est", "les autres marchent", "les autres fonctionnent", "others are fine", "others work fine"))
	add(e(ShapeChange)(cross(words("pourriez vous|pouvez vous|pourrais tu|peux tu|merci de|could you|can you|please|would you|serait il possible de|est il possible de"), words("remplacer|replace|corriger le texte|correct the text|ajuster|adjust|deplacer|move|retirer|enlever|masquer|hide|afficher|show"))...))
	// Casual and Québec wordings of everything down: "Rien marche", "sont
	// morts", "je peux rien vendre".
	add(e(BreakEverything)("rien marche", "rien fonctionne", "rien va", "rien ne va plus", "marche pu rien",
		"fonctionne pu rien", "marche plus rien", "fonctionne plus rien", "rien qui marche", "rien qui fonctionne",
		"nothing s going through", "nothing goes through", "nothing is going through", "nothing works at all"))
	add(e(BreakDown)("morts", "mortes", "est mort", "sont morts", "est morte", "sont mortes", "is dead", "are dead", "died", "have died", "has died"))
	add(e(ConseqStopped)(cross(words("peux|peut|peuvent|pouvons|pouvez|pouvait|pouvaient|on peut"), cross(words("rien|pas|plus|pu|pus|pas rien|plus rien|pu rien"), words("vendre|encaisser|facturer|servir")))...))
	add(e(ConseqStopped)("can t sell anything", "cannot sell anything", "can t sell", "cannot sell", "unable to sell",
		"can t take any payments", "can t serve", "cannot serve", "can t ring up", "cannot ring up", "can t ring anything"))
	// One till that is all there is: the whole shop.
	add(e(ScopeAll)("j ai juste une caisse", "j ai juste un", "j ai rien qu une", "j ai qu une", "j ai seulement une",
		"je n ai qu une", "on a juste une", "on n a qu une", "nous n avons qu une", "nous avons une seule", "on a une seule",
		"notre seule caisse", "notre unique caisse", "ma seule caisse", "notre seul terminal", "mon seul terminal",
		"we only have one", "i only have one", "we have only one", "i have only one", "we just have one", "i just have one",
		"our only till", "our only register", "our only terminal", "our only card", "my only till", "the only till",
		"the only register", "our single till", "our one till", "our one register"))
	add(e(ModReassure)("il n y a rien de bloque", "rien de bloque", "rien de bloquant", "rien de grave", "n y a rien de grave",
		"nothing blocked", "nothing is blocked", "nothing s blocked", "nothing blocking", "not blocking anything"))
	// "les 30 derniers jours", "the last 30 days": a period, not a scope.
	add(e(Neutral)(cross(words("les|the|des|over the|in the|sur les|depuis les"), cross(words("#"), words("derniers|dernieres|premiers|premieres|prochains|prochaines|jours|semaines|mois|minutes|heures|secondes|days|weeks|months|minutes|hours|seconds|years|ans|annees")))...))
	add(e(Neutral)(cross(words("the last|the past|the first|the next|les derniers|les premiers"), words("#"))...))
	// A warning of something to come, or a wish that it will not: "warned
	// of possible outages", "je ne voudrais pas qu'elle tombe".
	add(e(ModHypo)("possible outage", "possible outages", "possible downtime", "possible interruption", "possible interruptions",
		"possibles coupures", "coupures possibles", "coupure possible", "possible coupure", "interruption possible",
		"warned of", "warned us", "warning of", "nous a prevenu", "nous a prevenus", "nous a averti", "nous a avertis",
		"risque de coupure", "risque de panne", "might go down", "may go down", "could go down", "might be down",
		"may be down", "pourrait tomber", "pourrait etre coupe", "pourrait etre coupee", "pourraient etre coupes",
		"je ne voudrais pas que", "je ne veux pas que", "on ne voudrait pas que", "nous ne voudrions pas que",
		"je ne voudrais pas qu", "je ne veux pas qu", "on ne voudrait pas qu", "nous ne voudrions pas qu",
		"i don t want it to", "we don t want it to", "we wouldn t want", "i wouldn t want"))
	add(e(ShapeResolved)("came back on their own", "came back by themselves", "back on their own", "sorted itself",
		"sorted themselves", "fixed itself", "fixed themselves", "resolved itself", "sont revenus tout seuls",
		"sont revenues toutes seules", "est reparti tout seul", "sont repartis tout seuls", "s est regle tout seul",
		"s est reglee toute seule", "everything s fine this morning", "everything is fine this morning",
		"all fine this morning", "all fine now", "tout va bien ce matin", "tout fonctionne ce matin", "tout remarche",
		"ca remarche", "ca refonctionne", "tout refonctionne", "working again", "works again", "are working again",
		"is working again", "fonctionne de nouveau", "fonctionnent de nouveau", "fonctionne a nouveau", "marche a nouveau"))
	add(e(BreakCosmetic)("looks unprofessional", "unprofessional", "pas professionnel", "peu professionnel",
		"pas tres professionnel", "fait pas serieux", "fait pas pro", "pas pro", "looks bad", "looks odd", "looks wrong",
		"looks strange", "looks weird", "embarrassing", "embarrassant", "genant pour l image", "for our image"))
	add(e(ShapeChange)(cross(words("pourriez vous|pouvez vous|pourrais tu|peux tu|merci de|could you|can you|please|can this be|could this be|can it be|could it be|est il possible de|serait il possible de"), words("corriger|correct|corrected|rectifier|rectify"))...))
	add(e(ModMinor)("un peu genant", "un peu embetant", "un peu dommage", "agacant", "c est agacant", "a bit annoying",
		"slightly annoying", "a bit embarrassing", "annoying", "irritating", "a little annoying"))
	// English negations of what should happen: "the reports don't run",
	// "tills aren't recognising".
	add(e(BreakNotWorking)(cross(words("doesn t|don t|won t|didn t|does not|do not|will not|did not|wouldn t|isn t|aren t|is not|are not|no longer|never|still not|still doesn t|still don t|still won t|doesnt|dont|wont|didnt|isnt|arent|wouldnt"), words("receive|receiving|pop|pop open|open up|light up|come up|come on|lift|lifting|release|releasing|get through|beep|beeping|run|running|load|loading|open|opening|print|printing|sync|syncing|connect|connecting|start|starting|respond|responding|scan|scanning|send|sending|save|saving|update|updating|show|showing|display|displaying|boot|booting|register|registering|recognise|recognize|recognising|recognizing|accept|accepting|read|reading|process|processing|post|posting|go through|come through|arrive|arriving|appear|appearing|calculate|calculating|generate|generating|export|exporting|import|importing|upload|uploading|launch|launching|pair|pairing|detect|detecting|unlock|unlocking|turn on|power on|log in|sign in|work|working|function|functioning|fire|firing|trigger|triggering|ring|ringing|charge|charging|transmit|transmitting|applying"))...))
	// Presentation rather than function: the wrong language on a screen,
	// brightness, garbled accents, the order of a list, a file's name.
	add(e(BreakCosmetic)("en allemand", "en neerlandais", "en espagnol", "en italien", "in german", "in dutch",
		"in spanish", "in italian", "in french", "heure d ete", "heure d hiver", "daylight saving", "fuseau horaire",
		"wrong time zone", "wrong timezone", "mauvais fuseau", "an hour behind", "an hour ahead", "an hour off",
		"une heure de decalage", "une heure d avance", "une heure de retard"))
	add(e(BreakCosmetic)("en anglais", "in english", "wrong language", "mauvaise langue", "in the wrong language",
		"dans la mauvaise langue", "pas en francais", "not in french", "en anglais au lieu", "luminosite", "brightness",
		"trop lumineux", "trop lumineuse", "too bright", "too dim", "trop sombre", "contraste", "contrast",
		"accents", "caracteres bizarres", "caracteres speciaux", "weird characters", "strange characters", "garbled",
		"encodage", "encoding", "mal encode", "ordre alphabetique", "tri alphabetique", "alphabetical order",
		"sort order", "ordre de tri", "nom du fichier", "nom de fichier", "file name", "filename", "nom de l expediteur",
		"sender name", "display name", "nom affiche", "mise en forme", "formatting", "layout", "arrondi", "rounding"))
	add(e(BreakNotWorking)(cross(words("has not|have not|hasn t|haven t|had not|hadn t|still hasn t|still haven t|hasnt|havent"), words("received|uploaded|downloaded|delivered|been delivered|been uploaded|been printed|been processed|fired|run|loaded|synced|synchronised|synchronized|arrived|posted|printed|sent|updated|worked|gone through|come through|triggered|generated|imported|exported|been sent|been received|been created|been posted|been generated|been updated|come in|gone out"))...))
	// Devices that no longer find what they look up: "3 bornes ne trouvent
	// plus les réservations".
	add(e(BreakNotWorking)("ne trouvent plus", "ne trouvent pas", "ne retrouvent plus", "ne reconnaissent plus",
		"ne reconnaissent pas", "ne reconnait plus", "no longer find", "no longer finds", "can no longer find",
		"no longer recognise", "no longer recognize", "no longer recognises", "no longer recognizes"))
	// ---- data exposed: whose data, and who sees it ----
	add(e(FuncData)(
		"personal data", "personal details", "personal information", "donnees personnelles", "informations personnelles",
		"donnees clients", "donnees client", "customer data", "client data", "patient data", "donnees patients",
		"email addresses", "e mail addresses", "adresses mail", "adresses e mail", "adresses email", "adresses",
		"addresses", "phone numbers", "telephone numbers", "numeros de telephone", "telephones", "dates of birth",
		"date of birth", "date de naissance", "dates de naissance", "card number", "card numbers", "card details",
		"full card", "numero de carte", "numeros de carte", "numeros de cartes", "bank details", "coordonnees bancaires",
		"iban", "rib", "passwords", "mots de passe", "identifiants et mots de passe", "credentials", "health data",
		"donnees de sante", "medical", "medicales", "medicaux", "resultats d analyses", "test results", "payroll",
		"salaires", "salaries details", "confidential", "confidentiel", "confidentiels", "confidentielle",
		"confidentielles", "privileged", "names and", "noms et", "son nom", "leur nom", "their names", "names with",
		"session tokens", "account access", "acces au compte", "documents", "dossiers", "records", "fichier clients",
		"customer list", "liste des clients", "attendee list", "liste des participants", "liste des inscrits",
	))
	add(e(ConseqExposed)(
		"aren t ours", "are not ours", "not ours", "isn t ours", "aren t theirs", "isn t theirs", "not theirs",
		"other people s", "other people", "someone else s", "someone else", "quelqu un d autre", "d une autre personne",
		"d autres personnes", "d autres patients", "autres patients", "other patients", "other customers accounts",
		"other customers data", "other users data", "d autres utilisateurs", "other companies", "d autres entreprises",
		"d autres societes", "other organisations", "other organizations", "d autres organisations",
		"pas les notres", "ne sont pas a nous", "pas a nous", "don t recognise", "don t recognize",
		"ne reconnaissons pas", "ne reconnais pas", "can see ours", "voient nos", "voient les", "see each other s",
		"publicly", "publiquement", "public ~ page", "page publique", "on the public", "google search",
		"indexed by google", "indexe par google", "without logging in", "without login", "without authentication",
		"without a password", "without signing in", "sans connexion", "sans se connecter", "sans etre connecte",
		"sans authentification", "sans mot de passe", "sans s identifier", "anyone who", "anyone with", "anyone can",
		"anybody can", "n importe qui", "n importe quel", "n importe quelle", "en clair", "in plain text",
		"in clear text", "plain text", "exposed", "exposes", "exposee", "exposees", "exposure", "sent to the wrong",
		"envoye au mauvais", "envoyes aux mauvais", "going to a random", "a la mauvaise personne", "to the wrong person",
		"to the wrong people", "visible to anyone", "visible par tous", "accessible a tous", "accessible to anyone",
	))
	add(e(ConseqBreach)(
		"vulnerability", "vulnerabilities", "vulnerabilite", "vulnerabilites", "faille de securite", "failles de securite",
		"security flaw", "security hole", "security breach", "breche de securite", "violation de donnees",
		"data protection problem", "data protection issue", "probleme de protection des donnees", "incident rgpd",
		"gdpr breach", "gdpr incident", "hijack", "hijacked", "detourne", "usurpation",
	))

	// ---- refused, rejected, cancelled: the function does not go through ----
	add(e(BreakCannot)(
		"not valid", "invalid", "invalide", "invalides", "non valide", "non valides", "n est pas valide",
		"ne sont pas valides", "non valable", "comes up red", "come up red", "goes red", "go red", "red light",
		"red cross", "voyant rouge", "clignote* rouge", "croix rouge", "cancels the", "annule la", "annule le",
		"s annule", "s annulent", "annule tout", "bounce", "bounces", "bouncing", "bounced", "reviennent", "revient",
		"suspended", "suspendu", "suspendue", "suspendus", "desactive", "desactivee", "deactivated", "disabled",
	))
	// "plus de mail", "no internet": the service is gone.
	add(e(BreakDown)(cross(words("plus de|plu de|pu de|plus d|plu d|pu d|no more|lost|perdu|perte de|perte du|no"),
		words("mail|mails|email|emails|e mail|messagerie|site|internet|reseau|connexion|wifi|wi fi|telephone|telephones|ligne|lignes|courant|electricite|network|phones|phone lines|dial tone|tonalite|signal|service|serveur|server|power|web|acces internet"))...))
	add(e(FuncSystem)(
		"messagerie", "la messagerie", "boite mail", "boites mail", "serveur mail", "serveur de messagerie",
		"mail server", "email server", "our email", "notre messagerie", "nos mails", "standard telephonique",
		"phone system", "telephonie", "phones", "phone lines", "lignes telephoniques", "dns", "domaine", "domain",
		"hosting", "hebergement", "api", "webhook", "webhooks", "integration",
	))
	// Places and people customers have many of, for the quantifiers.

	add(e(FuncSales)("tils", "til", "valideurs", "titres de transport", "forfaits", "dispensing"))
	add(e(FuncEntry)("serrures", "serrure", "carte cle", "cartes cles", "key card", "key cards", "keycards", "door locks", "locks"))
	return es
}

// vocabulary is compiled on first use: a process that never classifies
// (most commands) does not pay for it.
var vocabulary = sync.OnceValue(func() *lexicon { return compile(entries()) })
