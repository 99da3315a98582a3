package classify

import "strings"

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
	countableFR = words("utilisateurs|utilisateur|utilisatrices|usagers|postes|poste|caisses|caisse|terminaux|terminal|tpe|bornes|borne|sites|site|magasins|magasin|boutiques|boutique|succursales|agences|salles|ecrans|clients|employes|employees|salaries|agents|collaborateurs|collegues|visiteurs|stations|comptes|guichets|points de vente|pc|ordinateurs|appareils|imprimantes|tablettes|kiosques|equipes|services|restaurants|hotels|cinemas|salles de reunion|licences|portiques|lecteurs|badges|participants|apprenants|stagiaires")
	countableEN = words("users|user|tills|till|registers|cash registers|terminals|kiosks|stores|shops|sites|locations|branches|offices|rooms|meeting rooms|devices|machines|computers|pcs|laptops|screens|customers|clients|staff|employees|agents|colleagues|visitors|stations|accounts|lanes|counters|printers|tablets|venues|theatres|theaters|cinemas|restaurants|points of sale|pos terminals|readers|scanners|badges|learners|trainees|participants|attendees|our users|our staff|teams|departments")

	allFR  = words("tous les|tous nos|toutes les|toutes nos|tous mes|toutes mes|aucun|aucune|aucun de nos|aucune de nos|aucun des|aucune des|l ensemble des|l ensemble de nos|la totalite des|tous|toutes|chacun des|chacune des|plus aucun|plus aucune|tout le|toute la|tous nos|touts les|tout les|toute les|toutes le|ni les")
	allEN  = words("all|all the|all our|all of our|all of the|every|every one of our|none of our|none of the|no|not a single|the whole|the entire|our entire|our whole|any of our|all my|every single")
	manyFR = words("plusieurs|certains|certaines|beaucoup de|beaucoup d|de nombreux|de nombreuses|la plupart des|la plupart de nos|la moitie des|la moitie de nos|une partie des|une dizaine de|des dizaines de|quelques|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|2|3|4|5|6|7|8|9|10|12|15|20|30|50|100")
	manyEN = words("several|many|multiple|some|some of our|some of the|most|most of our|most of the|half of our|half the|half of the|a number of|a lot of|lots of|dozens of|a few|a couple of|two|three|four|five|six|seven|eight|nine|ten|2|3|4|5|6|7|8|9|10|12|15|20|30|50|100")
	oneFR  = words("un|une|un seul|une seule|un de nos|une de nos|l un de nos|l une de nos|un des|une des|mon|ma|1|seul le|seule la|seulement un|seulement une|un autre")
	oneEN  = words("one|a|a single|one of our|one of the|only one|my|1|a particular|one specific|just one")
)

func entries() []entry {
	var es []entry
	add := func(x ...entry) { es = append(es, x...) }

	// ---- scope ----
	add(e(ScopeAll)(cross(allFR, countableFR)...))
	add(e(ScopeAll)(cross(allEN, countableEN)...))
	add(e(ScopeAll)(
		"tout le monde", "tout le magasin", "toute la boutique", "tout le site", "toute l entreprise", "toute la societe",
		"toute l equipe", "tout le personnel", "toute la structure", "tout l etablissement", "tout le batiment",
		"toute l agence", "tout le reseau", "l ensemble du personnel", "l ensemble des utilisateurs", "l ensemble du site",
		"tout le parc", "chez tout le monde", "pour tout le monde", "pour tous", "plus personne",
		"nul ne", "aucun acces", "entierement", "globalement", "generalise", "generalisee", "partout", "tous sites confondus",
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
		"le service formation", "le service qualite", "le service accueil", "l accueil", "le departement",
		"toute l equipe", "notre equipe", "l equipe", "toute la compta", "tout le service", "tout un service", "un service entier",
		"toute la direction", "la direction", "nos equipes", "les equipes", "nos agents", "nos vendeurs", "nos caissiers",
		"nos caissieres", "nos guichetiers", "nos formateurs", "nos hotesses", "les caissiers", "les caissieres",
		"the accounting team", "the accounts team", "the finance team", "the finance department", "accounting",
		"the sales team", "the support team", "the hr team", "hr", "the front desk", "reception", "the whole department",
		"our team", "the team", "a department", "the department", "the whole team", "our cashiers", "the cashiers",
		"our staff", "our agents", "our trainers", "our managers", "several of us", "half of us", "many of us",
		"a whole department", "whole department", "entire department", "entire team",
	))
	add(e(ScopeOne)(cross(oneFR, words("utilisateur|utilisatrice|usager|poste|caisse|terminal|tpe|borne|ordinateur|pc|appareil|imprimante|tablette|ecran|collegue|collaborateur|collaboratrice|employe|employee|salarie|agent|compte|client|kiosque|lecteur|badge|salle|salle de reunion|apprenant|apprenante|stagiaire|participant|poste de travail|seul poste|seul utilisateur"))...))
	add(e(ScopeOne)(cross(oneEN, words("user|till|register|terminal|kiosk|computer|pc|laptop|device|printer|tablet|screen|colleague|employee|staff member|agent|account|customer|client|room|meeting room|reader|scanner|badge|learner|trainee|workstation|machine|lane|counter|station"))...))
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
	add(e(FuncSales)(
		"encaiss*", "ancaiss*", "caisse", "caisses", "caise", "caises", "tpe", "terminal de paiement", "terminaux de paiement",
		"paiement", "paiements", "payement", "payements", "paiment", "paiments", "paye", "payer", "carte bancaire",
		"cartes bancaires", "cb", "carte de credit", "cartes de credit", "transaction", "transactions", "vente", "ventes",
		"vendre", "vend", "vendons", "vendent", "billetterie", "billeterie", "billetteries", "guichet", "guichets",
		"billet", "billets", "point de vente", "points de vente", "logiciel de caisse", "encaissement", "encaissements",
		"commande", "commandes", "reservation", "reservations", "boutique en ligne", "e commerce", "ecommerce",
		"site marchand", "panier", "interac", "debit", "facturer",
		"till", "tills", "register", "registers", "cash register", "cash registers", "checkout", "checkouts",
		"point of sale", "points of sale", "pos", "epos", "payment", "payments", "card payment", "card payments",
		"card reader", "card readers", "card terminal", "card terminals", "credit card", "credit cards", "debit card",
		"contactless", "transaction", "transactions", "sale", "sales", "sell", "selling", "sold", "box office",
		"ticketing", "ticket sales", "ticket office", "booking", "bookings", "orders", "order", "purchase", "purchases",
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
	add(e(FuncDevice)(
		"imprimante", "imprimantes", "impression", "imprimer", "printer", "printers", "printing", "print",
		"ecran", "ecrans", "screen", "screens", "display", "camera", "cameras", "webcam", "micro", "micros",
		"microphone", "microphones", "haut parleur", "haut parleurs", "speaker", "speakers", "audio", "son", "sound",
		"video", "visio", "visioconference", "videoconference", "video conference", "codec", "barre de son",
		"soundbar", "telecommande", "remote", "salle de reunion", "meeting room", "conference room", "tablette",
		"tablet", "douchette", "scanner", "lecteur", "reader", "tiroir caisse", "cash drawer", "ticket de caisse",
		"receipt", "receipts", "recu", "recus",
	))

	// ---- breakage ----
	notWorkVerbs := words("fonctionn*|fonctione*|fonctinn*|foncionn*|fontionn*|focntionn*|marche|marchent|marchait|marchaient|marchee|march|va|vont|repond|repondent|repondait|demarr*|s allum*|s ouvr*|s ouvre|charg*|synchronis*|imprim*|s affich*|affich*|se lance|se lancent|passe|passent|s imprime*|s enregistr*|enregistr*|lit|lisent|scann*|capte|captent|connect*|sort|sortent|tourne|tournent|reagit|reagissent|s execut*|execut*|genere|generent|se genere*|se charge*|envoie|envoient|part|partent|arrive|arrivent|s initialis*|detect*|reconnai*|accept*|valide|valident|fonctone*|fonctionen*|fonctionnne*")
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
		"a lache", "ont lache", "lache", "ne s affiche plus", "ne s affiche pas", "disparu", "disparus", "disparue",
		"disparues", "grise", "grisee", "grises", "grisees", "greyed out", "grayed out", "ne passent plus", "ne passe plus", "ne passe pas", "ne passent pas",
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
		"doesn t go through", "not accepted", "aren t accepted", "isn t accepted", "disappeared", "gone",
		"has gone", "went missing", "stopped", "quit working", "quits", "glitch*", "messed up", "kaput",
		"doesn t wrok", "dosen t work", "doesnt wrok", "not wroking", "not workin",
	))
	add(e(BreakDown)(
		"en panne", "panne", "pannes", "pane", "en pane", "hors service", "hors servise", "hors ligne", "hors connexion",
		"hors d usage", "en rade", "tombe", "tombee", "tombes", "est tombe", "sont tombes", "est tombee", "down",
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
		"hors ligne depuis", "perte totale", "coupure", "coupures", "coupe", "coupee", "no signal", "pas de signal",
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
		"couleur", "couleurs", "coloris", "colour", "colours", "color", "colors", "police", "polices",
		"police d ecriture", "font", "fonts", "faute d orthographe", "fautes d orthographe", "faute de frappe",
		"coquille", "coquilles", "orthographe", "typo", "typos", "spelling", "misspelled", "misspelt",
		"alignement", "aligne", "alignes", "mal aligne", "mal alignee", "desaligne", "misaligned", "alignment",
		"logo", "logos", "icone", "icones", "icon", "icons", "cosmetique", "cosmetic", "esthetique", "aesthetic",
		"tronque", "tronquee", "truncated", "cut off", "traduction", "traductions", "translation", "translations",
		"mal traduit", "libelle", "libelles", "wording", "mise en page", "layout", "pixel", "pixels", "pixelise",
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
		"magasin ferme", "boutique fermee", "fermer le magasin", "fermer la boutique", "fermer boutique",
		"ferme au public", "fermee au public", "fermes au public", "fermer au public", "fermer nos portes",
		"portes fermees", "obliges de fermer", "oblige de fermer", "obligés de fermer", "devoir fermer",
		"clients qui attendent", "clients attendent", "file d attente", "files d attente", "queue de clients",
		"clients bloques", "clients en caisse", "des clients partent", "les clients partent", "clients repartent",
		"personne ne peut travailler", "plus personne ne peut travailler", "personne ne peut plus travailler",
		"on ne peut plus travailler", "on ne peut pas travailler", "nous ne pouvons plus travailler",
		"nous ne pouvons pas travailler", "impossible de travailler", "plus personne ne travaille",
		"activite a l arret", "activite arretee", "activite bloquee", "activite paralysee", "toute l activite",
		"production arretee", "production a l arret", "production bloquee", "exploitation arretee",
		"spectacle ce soir", "representation ce soir", "evenement ce soir", "concert ce soir", "le public attend",
		"spectateurs attendent", "visiteurs attendent", "visiteurs bloques", "personne ne peut entrer",
		"on ne peut faire entrer personne", "bloques a l entree", "ouverture des portes", "portes ouvrent",
		"losing sales", "losing money", "losing revenue", "losing customers", "losing business", "lost sales",
		"lost revenue", "losing orders", "lost orders", "revenue loss", "loss of revenue", "costing us",
		"can t sell", "cannot sell", "can not sell", "unable to sell", "can t take payments", "cannot take payments",
		"can t take payment", "cannot take payment", "unable to take payments", "can t process payments",
		"cannot process payments", "can t process transactions", "cannot process transactions",
		"unable to process payments", "unable to process transactions", "no sales", "zero sales",
		"closed to the public", "had to close", "have to close", "forced to close", "close the store",
		"close the shop", "closing the store", "closing the shop", "shut the store", "doors closed",
		"customers waiting", "customers are waiting", "customers queuing", "queue of customers", "long queue",
		"queues", "customers walking out", "customers leaving", "turning customers away", "turn customers away",
		"nobody can work", "no one can work", "nobody can do anything", "no one can do anything",
		"can t work", "cannot work", "unable to work", "business stopped", "business is stopped",
		"business at a standstill", "operations stopped", "operations halted", "production stopped",
		"production is down", "production down", "prod down", "show tonight", "event tonight", "concert tonight",
		"performance tonight", "doors open", "guests arriving", "audience waiting", "visitors waiting",
		"visitors stuck", "can t let anyone in", "cannot let anyone in", "no one can get in", "nobody can get in",
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
		"comment", "est il possible", "est ce possible", "est ce qu il est possible", "serait il possible de savoir",
		"y a t il", "y a t il moyen", "existe t il", "pourriez vous m indiquer", "pouvez vous m indiquer",
		"pourriez vous me dire", "pouvez vous me dire", "pourriez vous m expliquer", "pouvez vous m expliquer",
		"pourriez vous me confirmer", "pouvez vous me confirmer", "pourriez vous confirmer", "pouvez vous confirmer",
		"j aimerais savoir", "je voudrais savoir", "je souhaiterais savoir", "je souhaite savoir", "savez vous",
		"ou trouver", "ou puis je trouver", "ou se trouve", "ou sont", "ou est", "ou peut on", "quel est", "quelle est",
		"quels sont", "quelles sont", "quel", "quelle", "quand", "combien de temps", "a quelle heure", "question",
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
		"where can i find", "where do i find", "where is", "where are", "what is", "what are", "what s", "which",
		"when", "when will", "when is", "question", "questions", "quick question", "a question", "enquiry",
		"inquiry", "information", "info", "documentation", "docs", "manual", "user guide", "guide", "tutorial",
		"faq", "procedure", "the process", "clarification", "explain", "explanation", "looking for", "curious",
		"any advice", "advice", "best practice", "best way", "recommend", "recommendation", "do you support",
		"does it support", "est ce que", "est ce qu", "vous serait il possible", "info",
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
		"delete a user", "deactivate", "change request", "request a change", "reset", "password reset",
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
		"probleme regle", "regle", "ca fonctionne maintenant", "ca marche maintenant", "fonctionne maintenant",
		"vous pouvez fermer", "vous pouvez clore", "vous pouvez cloturer", "ticket peut etre ferme",
		"it works now", "working now", "works now", "working again", "works again", "is back", "are back",
		"back up", "back online", "back to normal", "resolved", "it s resolved", "fixed", "sorted", "solved",
		"problem solved", "issue solved", "issue resolved", "you can close", "please close", "can be closed",
		"no longer needed", "plus besoin", "ignore my previous", "ignorez mon precedent", "fausse alerte",
		"false alarm", "never mind", "nevermind",
	))

	// ---- modifiers ----
	add(e(ModReassure)(
		"pas bloquant", "non bloquant", "pas bloquante", "non bloquante", "n est pas bloquant", "ce n est pas bloquant",
		"rien de bloquant", "pas tres bloquant", "pas vraiment bloquant", "pas urgent", "pas urgente", "pas tres urgent",
		"rien d urgent", "non urgent", "non urgente", "pas d urgence", "aucune urgence", "sans urgence", "pas presse",
		"rien ne presse", "pas de rush", "quand vous aurez le temps", "quand vous aurez un moment",
		"quand vous pourrez", "a votre convenance", "pas grave", "rien de grave", "pas critique", "non critique",
		"pas prioritaire", "basse priorite", "faible priorite", "priorite basse", "rien n est en panne",
		"rien n est bloque", "rien n est casse", "ce n est pas une panne", "pas une panne", "pas en panne",
		"n est pas en panne", "ne sont pas en panne", "pas d impact", "sans impact", "aucun impact", "peu d impact",
		"impact limite", "impact faible", "n affecte pas", "n empeche pas", "ne nous empeche pas", "ne bloque pas",
		"ne bloque rien", "ne nous bloque pas", "tout le reste fonctionne", "le reste fonctionne", "le reste marche",
		"tout le reste marche", "sinon tout fonctionne", "sinon tout marche", "tout fonctionne", "tout marche",
		"fonctionne bien", "fonctionne normalement", "marche bien", "marche normalement", "reste utilisable",
		"restent utilisables", "ca fonctionne quand meme", "fonctionne quand meme", "pas de panne",
		"not blocking", "non blocking", "nonblocking", "not a blocker", "not urgent", "non urgent", "no urgency",
		"not time sensitive", "no rush", "no hurry", "not in a hurry", "when you have time", "when you get a chance",
		"when you have a moment", "at your convenience", "whenever you can", "whenever you get a chance",
		"not a big deal", "no big deal", "not critical", "non critical", "not serious", "low priority",
		"nothing is down", "nothing s down", "nothing is broken", "nothing broken", "isn t down", "is not down",
		"aren t down", "are not down", "not down", "not an outage", "no outage", "no impact", "without impact",
		"little impact", "minimal impact", "doesn t affect", "does not affect", "doesn t prevent", "does not prevent",
		"doesn t stop us", "does not stop us", "not stopping us", "doesn t block", "does not block",
		"everything else works", "everything else is working", "everything else is fine", "otherwise works",
		"otherwise working", "otherwise fine", "works fine", "working fine", "works ok", "working ok",
		"works normally", "working normally", "still works", "still working", "still usable", "still running",
		"all good otherwise", "not a problem", "not an issue", "no problem", "pas un probleme", "pas de probleme",
		"pas de souci", "aucun probleme", "aucun souci", "sans probleme", "sans souci", "no issue", "no issues",
		"nothing urgent", "not pressing", "can wait", "peut attendre", "ca peut attendre",
	))
	add(e(ModMinor)(
		"mineur", "mineure", "mineurs", "mineures", "petit", "petite", "petits", "petites", "leger", "legere",
		"legers", "legerement", "detail", "details", "un peu", "anodin", "anecdotique", "minime",
		"minor", "small", "little", "slight", "slightly", "tiny", "trivial", "cosmetic only", "a bit",
		"somewhat", "minimal", "niggle", "nitpick", "annoying", "agacant", "genant", "irritant",
		"seulement",
	))
	add(e(ModWorkaround)(
		"contournement", "solution de contournement", "solution temporaire", "solution provisoire",
		"pour l instant on", "pour le moment on", "on passe par", "nous passons par", "en passant par", "manuellement",
		"a la main", "a la mano", "on peut quand meme", "nous pouvons quand meme", "on arrive quand meme",
		"nous arrivons quand meme", "on peut toujours", "nous pouvons toujours", "toujours possible",
		"reste possible", "les autres fonctionnent", "les autres marchent",
		"les autres caisses fonctionnent", "les autres postes fonctionnent", "les autres bornes fonctionnent",
		"d autres postes", "sur un autre poste", "sur une autre caisse", "depuis un autre poste", "fonctionne sur",
		"marche sur", "apres redemarrage", "apres un redemarrage", "en redemarrant", "un redemarrage regle",
		"workaround", "work around", "workarounds", "temporary fix", "temporary solution", "in the meantime we", "en attendant on", "en attendant nous",
		"meanwhile", "for now we", "for the moment we", "manually", "by hand", "we can still", "we are still able",
		"we re still able", "still able to", "can still", "others work", "the others work", "other tills work",
		"the other tills", "the other terminals", "other computers", "another computer", "another terminal",
		"another till", "another device", "another browser", "autre navigateur", "un autre navigateur",
		"works on", "after a restart", "after restarting", "restarting fixes", "a reboot fixes",
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
	return es
}

var vocabulary = compile(entries())
