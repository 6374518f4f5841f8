package seed

// person is a name as written and the ASCII form an address is made from,
// since real orgs hold people whose names are not ASCII but whose mailboxes
// mostly are.
type person struct{ name, ascii string }

var firstNames = []person{
	{"James", "james"}, {"Mary", "mary"}, {"Robert", "robert"}, {"Patricia", "patricia"},
	{"Michael", "michael"}, {"Linda", "linda"}, {"David", "david"}, {"Susan", "susan"},
	{"José", "jose"}, {"María", "maria"}, {"François", "francois"}, {"Zoë", "zoe"},
	{"Łukasz", "lukasz"}, {"Søren", "soren"}, {"Björn", "bjorn"}, {"Ångström", "angstrom"},
	{"Ibrahim", "ibrahim"}, {"Fatima", "fatima"}, {"Priya", "priya"}, {"Arjun", "arjun"},
	{"Chloé", "chloe"}, {"Nuño", "nuno"}, {"Dvořák", "dvorak"}, {"Şebnem", "sebnem"},
	{"太郎", "taro"}, {"花子", "hanako"}, {"伟", "wei"}, {"秀英", "xiuying"},
	{"민준", "minjun"}, {"서연", "seoyeon"}, {"Алексей", "aleksei"}, {"Наталья", "natalya"},
	{"Γιώργος", "giorgos"}, {"محمد", "mohammed"}, {"Noa", "noa"}, {"Oluwaseun", "oluwaseun"},
	{"Siobhán", "siobhan"}, {"Renée", "renee"}, {"Jürgen", "jurgen"}, {"Ana-Lucía", "analucia"},
}

var lastNames = []person{
	{"Smith", "smith"}, {"Johnson", "johnson"}, {"Williams", "williams"}, {"Brown", "brown"},
	{"García", "garcia"}, {"Müller", "mueller"}, {"Nguyễn", "nguyen"}, {"O'Brien", "o'brien"},
	{"Núñez", "nunez"}, {"Kowalczyk", "kowalczyk"}, {"Østergaard", "ostergaard"}, {"Çelik", "celik"},
	{"van der Berg", "vanderberg"}, {"de la Cruz", "delacruz"}, {"Smith-Jones", "smithjones"},
	{"山田", "yamada"}, {"佐藤", "sato"}, {"王", "wang"}, {"李", "li"}, {"김", "kim"},
	{"Иванов", "ivanov"}, {"Παπαδόπουλος", "papadopoulos"}, {"Al-Hashimi", "alhashimi"},
	{"Okafor", "okafor"}, {"Patel", "patel"}, {"Singh", "singh"}, {"Lefèvre", "lefevre"},
	{"Šimić", "simic"}, {"Łęcki", "lecki"}, {"Hernández", "hernandez"}, {"Rossi", "rossi"},
	{"MacDonald", "macdonald"}, {"Fitzgerald", "fitzgerald"}, {"Schröder", "schroder"},
}

var companyHeads = []person{
	{"Acme", "acme"}, {"Globex", "globex"}, {"Initech", "initech"}, {"Umbrella", "umbrella"},
	{"Stark", "stark"}, {"Wayne", "wayne"}, {"Tyrell", "tyrell"}, {"Cyberdyne", "cyberdyne"},
	{"Soylent", "soylent"}, {"Hooli", "hooli"}, {"Vandelay", "vandelay"}, {"Wonka", "wonka"},
	{"Gringotts", "gringotts"}, {"Aperture", "aperture"}, {"Monarch", "monarch"}, {"Zenith", "zenith"},
	{"Nordwind", "nordwind"}, {"Blue Harbor", "blueharbor"}, {"Red Rock", "redrock"}, {"Silver Lake", "silverlake"},
	{"Northstar", "northstar"}, {"Evergreen", "evergreen"}, {"Summit", "summit"}, {"Pioneer", "pioneer"},
	{"Atlas", "atlas"}, {"Orion", "orion"}, {"Helios", "helios"}, {"Kestrel", "kestrel"},
	{"Falcon", "falcon"}, {"Meridian", "meridian"}, {"Quantum", "quantum"}, {"Crescent", "crescent"},
	{"Sakura", "sakura"}, {"Fjord", "fjord"}, {"Andes", "andes"}, {"Sahara", "sahara"},
	{"Baltic", "baltic"}, {"Lumen", "lumen"}, {"Vertex", "vertex"}, {"Nimbus", "nimbus"},
	{"Müller & Söhne", "mueller-soehne"}, {"Café Olé", "cafeole"}, {"Société de Pêche", "societe-peche"},
	{"東京精密", "tokyo-seimitsu"}, {"Łódź Tech", "lodz-tech"},
}

var companyTails = []string{
	"Logistics", "Systems", "Foods", "Energy", "Analytics", "Labs", "Robotics", "Textiles",
	"Pharma", "Media", "Holdings", "Consulting", "Motors", "Bank", "Insurance", "Telecom",
	"Software", "Hotels", "Shipping", "Construction", "Health", "Retail", "Chemicals", "Studios",
}

var companySuffixes = []string{"", "", "", "Inc.", "LLC", "Ltd", "GmbH", "S.A.", "AG", "B.V.", "K.K.", "Pty Ltd"}

var tlds = []string{"com", "com", "com", "io", "net", "de", "co.uk", "fr", "jp", "com.br", "nl"}

var freeMail = []string{"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "proton.me", "gmx.de", "web.de", "qq.com"}

// Real Salesforce standard picklist values.
var (
	industries = []string{
		"Agriculture", "Apparel", "Banking", "Biotechnology", "Chemicals", "Communications",
		"Construction", "Consulting", "Education", "Electronics", "Energy", "Engineering",
		"Entertainment", "Environmental", "Finance", "Food & Beverage", "Government", "Healthcare",
		"Hospitality", "Insurance", "Machinery", "Manufacturing", "Media", "Not For Profit",
		"Recreation", "Retail", "Shipping", "Technology", "Telecommunications", "Transportation",
		"Utilities", "Other",
	}
	accountTypes = []string{
		"Prospect", "Customer - Direct", "Customer - Direct", "Customer - Channel",
		"Channel Partner / Reseller", "Installation Partner", "Technology Partner", "Other",
	}
	caseStatuses   = []string{"New", "Working", "Escalated", "Closed"}
	casePriorities = []string{"High", "Medium", "Low"}
	caseOrigins    = []string{"Phone", "Email", "Web"}
	caseTypes      = []string{"Mechanical", "Electrical", "Electronic", "Structural", "Other"}
	leadStatuses   = []string{"Open - Not Contacted", "Working - Contacted", "Closed - Not Converted"}
	leadSources    = []string{"Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"}
)

var cities = []struct{ city, country string }{
	{"San Francisco", "United States"}, {"New York", "United States"}, {"Austin", "United States"},
	{"Toronto", "Canada"}, {"Montréal", "Canada"}, {"London", "United Kingdom"},
	{"Berlin", "Germany"}, {"München", "Germany"}, {"Paris", "France"}, {"Zürich", "Switzerland"},
	{"Kraków", "Poland"}, {"São Paulo", "Brazil"}, {"Ciudad de México", "Mexico"},
	{"東京", "Japan"}, {"Osaka", "Japan"}, {"Seoul", "South Korea"}, {"Bengaluru", "India"},
	{"Sydney", "Australia"}, {"Lagos", "Nigeria"}, {"Dubai", "United Arab Emirates"},
	{"København", "Denmark"}, {"Amsterdam", "Netherlands"}, {"İstanbul", "Turkey"},
}

var titles = []string{
	"CEO", "CTO", "VP Sales", "Head of Support", "Support Engineer", "Account Manager",
	"Office Manager", "Purchasing Manager", "IT Administrator", "Directeur Général",
	"Geschäftsführer", "営業部長", "Operations Lead", "Customer Success Manager", "",
}

var departments = []string{"Sales", "Support", "IT", "Finance", "Operations", "Marketing", "Procurement", "Legal", ""}

var subjects = []string{
	"Cannot log in after password reset", "Invoice shows wrong amount", "Export to CSV fails",
	"Feature request: dark mode", "API returns 500 on bulk update", "Shipment delayed",
	"Refund not received", "Two-factor codes not arriving", "Dashboard loads slowly",
	"Wrong VAT number on invoice", "Integration stopped syncing", "Cannot add new seat",
	"Données manquantes dans le rapport", "Lieferung unvollständig", "ログインできません",
	"Printer offline 🖨️", "Question about pricing tiers", "Data import duplicated records",
}

var bodies = []string{
	"Hi, since this morning we are seeing the problem described in the subject. Can you help?",
	"This has happened three times this week. Steps: open the page, click save, wait.",
	"Thanks for the quick reply! That fixed it for most users, but two still see it.",
	"We have escalated this internally. Could you share the request ids from your logs?",
	"Internal note: customer is on the legacy plan, check the migration ticket first.",
	"Bonjour, le problème persiste malgré la mise à jour. Merci de votre aide.",
	"Guten Tag, anbei die Fehlermeldung als Text: „Zeitüberschreitung bei der Anfrage“.",
	"お世話になっております。添付の通りエラーが発生しています。",
	"Closing the loop: everything works now, you can close this ticket.",
	"Line one\nLine two with <b>html-ish</b> text & an ampersand.",
}
