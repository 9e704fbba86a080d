@testable import Diglot
@testable import DiglotParse
@testable import DiglotContent
@testable import DiglotMail
@testable import DiglotPublish
@testable import DiglotTemplates
import Foundation
import XCTest

/// The locale-aware QA checks on real sentences of the corpora (`../shared/corpora`, CC BY 4.0, see
/// its README; each quoted as `corpus file:line`) that they used to report though the translation is
/// right, and on a real difference of each kind, which is still reported. The numbers check (DG704)
/// reads fiscal years, magnitudes (CLDR compact forms), times of day (CLDR AM and PM), numbers
/// written as words (CLDR spell-out) and a few English idioms; the untranslated check (DG701) knows
/// the words of the translation's language from its word list.
final class QALocaleTests: XCTestCase {
    /// The codes found on units of (translation, source), in a site of `locale`.
    private func codes(_ units: [(String, String)], locale: String, wordLists: TargetWords.Registry = .none) -> [String] {
        let body = units.enumerated().map { unit("q-\($0.offset + 1)", $0.element.0, $0.element.1) }.joined(separator: "\n\n")
        let page = PageParser.parse(.page("p.md", "---\ntitle: T\n---\n\n" + body + "\n")).page
        return TranslationQA(config: QAConfig(), locale: QALocale(target: locale, wordLists: wordLists)).check([page]).map(\.code.rawValue)
    }

    func testFiscalYearsMatchTheYearInFull() {
        // partner-center-pr.es-es partner-center/announcements/2020-april.md:569
        XCTAssertEqual(codes([("Actualizaciones de licencias de Power Apps y Flow en el año fiscal 2020", "FY20 PowerApps and Flow Licensing Updates")], locale: "es-ES"), [])
        // partner-center-pr.ko-kr partner-center/announcements/2020-january.md:382
        XCTAssertEqual(codes([("2020년 Power Apps 및 Flow 라이선싱 업데이트", "FY20 Power Apps and Flow Licensing Updates")], locale: "ko-KR"), [])
        // partner-center-pr.fr-fr partner-center/announcements/2020-october.md:728: the year in full and its restatement (AF21).
        XCTAssertEqual(codes([("Annonce d’un programme d’incentives pour les fournisseurs de solutions Cloud (CSP) pour l’année fiscale 2021 (AF21)",
                               "Fiscal year 2021 (FY21) Cloud Solution Provider (CSP) incentive program announcement")], locale: "fr-FR"), [])
        // partner-center-pr.es-es partner-center/announcements/index.md:168: the restatement left out.
        XCTAssertEqual(codes([("Anuncio del programa de incentivos de Proveedor de soluciones en la nube (CSP) del año fiscal 2021",
                               "Fiscal year 2021 (FY21) Cloud Solution Provider (CSP) incentive program announcement")], locale: "es-ES"), [])
        // A year in full in the source, in two digits in the translation.
        XCTAssertEqual(codes([("Plan de l’AF 21", "FY2021 plan")], locale: "fr-FR"), [])
        // A two-digit year in a date: dynamics365smb-docs-pr.de-de
        // business-central/finance-payment-tolerance-and-payment-discount-tolerance.md:101 and 104.
        XCTAssertEqual(codes([("15.01.2003", "01/15/03"), ("16.01.2003 – 20.01.03", "01/16/03 01/20/03")], locale: "de-DE"), [])
        // Another year is another number.
        XCTAssertEqual(codes([("Mises à jour pour l’année fiscale 2022", "FY21 updates"), ("Plans de l’année fiscale 2020", "FY21 plans")], locale: "fr-FR"), ["DG704", "DG704"])
        XCTAssertEqual(codes([("15.01.2004", "01/15/03")], locale: "de-DE"), ["DG704"])
    }

    func testMagnitudesMultiplyTheirNumbers() {
        // CLDR compact forms, short and long, in the translation's language and the source's.
        XCTAssertEqual(codes([("1만 건", "10K items"), ("500만 명", "5M users"), ("15억 달러", "$1.5B")], locale: "ko-KR"), [])
        XCTAssertEqual(codes([("1万件", "10K items"), ("15億ドル", "$1.5B")], locale: "ja-JP"), [])
        XCTAssertEqual(codes([("15亿美元", "$1.5B"), ("500万用户", "5M users")], locale: "zh-CN"), [])
        XCTAssertEqual(codes([("5 millions d’utilisateurs", "5M users"), ("10 000 éléments", "10K items")], locale: "fr-FR"), [])
        XCTAssertEqual(codes([("5 Mio. Benutzer", "5M users"), ("1,5 Mrd. $", "$1.5B")], locale: "de-DE"), [])
        // partner-center-pr.ko-kr partner-center/azure-reservations-manage.md:59, announcements/2020-october.md:707,
        // insights-programmatic-custom-query.md:78
        XCTAssertEqual(codes([("$5만 USD", "$50,000 USD"),
                              ("새 **Graph 추가 커넥터 용량 SKU** 를 사용하여 최대 100만 개의 추가 항목을 인덱싱할 수 있습니다.",
                               "A new **Extra Graph Connector Capacity SKU** will be available for indexing up to 1 million additional items."),
                              ("이 쿼리는 MonthlyActiveUsers가 10만 보다 큰 모든 고객의 Paid사용할 수 있는 단위 및 MonthlyActiveUsers를 가져옵니다.",
                               "This query will get the PaidAvailableUnits and MonthlyActiveUsers of all the Customers who have MonthlyActiveUsers greater than 100,000.")],
                             locale: "ko-KR"), [])
        // partner-center-pr.fr-fr announcements/2020-august.md:169, csp-overview.md:52, insights-customer-opportunities.md:41,
        // announcements/2021-january.md:669
        XCTAssertEqual(codes([("Événements en direct limités à 20 000 participants (50 simultanés, 16 heures)", "Live event limits to 20 K participants (50 concurrent, 16 hours)"),
                              ("Ces 300 000 USD de chiffre d’affaires sont calculés sur la base des revenus du cloud et exclut les logiciels perpétuels dans CSP.",
                               "The USD300K revenue requirement is calculated based on cloud revenue and will exclude perpetual software in CSP."),
                              ("**Top Compute non gérée** : comprend les comptes avec un potentiel Azure supérieur à 10 000 $.",
                               "**Top Unmanaged Compute Based** – includes accounts with Azure potential greater than $10k."),
                              ("Le 1er février 2021, Microsoft va créer une nouvelle offre « Additional Response » avec un droit à 1 000 réponses pour remplacer l’offre existante de 2 000 réponses à des enquêtes.",
                               "On February 1, 2021, Microsoft will create a new \"Additional Response\" offer with 1-K response entitlement to replace the existing offer with 2-K Survey Responses.")],
                             locale: "fr-FR"), [])
        // A magnitude word alone is one of it: partner-center-pr.es-es announcements/2020-october.md:707,
        // customer-insights-pr.ar-sa ci-docs/audience-insights/export-dotdigital.md:32
        XCTAssertEqual(codes([("Una nueva **SKU de capacidad extra para conectores de Graph** estará disponible para indexar hasta un millón de elementos adicionales.",
                               "A new **Extra Graph Connector Capacity SKU** will be available for indexing up to 1 million additional items.")], locale: "es-ES"), [])
        XCTAssertEqual(codes([("حتى مليون من ملفات التعريف لكل تصدير إلى DotDigital.", "Up to 1 million profiles per export to DotDigital.")], locale: "ar-SA"), [])
        // Spanish groups thousands with a space too: partner-center-pr.es-es partner-center/azure-reservations-manage.md:59
        XCTAssertEqual(codes([("50 000 USD", "$50,000 USD")], locale: "es-ES"), [])
        // A one-letter form may be something else: German 14T is 14 days (dynamics365smb-docs-pr.de-de
        // business-central/setup-best-practices-planning-parameters.md:31), Korean 149조 article 149
        // (partner-center-pr.ko-kr partner-center/announcements/2020-september.md:246).
        XCTAssertEqual(codes([("Daher bedeutet 14T nicht notwendigerweise zwei Wochen.", "Therefore, 14D is not necessarily two weeks.")], locale: "de-DE"), [])
        XCTAssertEqual(codes([("2020년 7월 31일에 러시아 연방 법률 #265-FZ에서 러시아 세법 149조 2항 26호가 수정되었습니다.",
                               "Russian Federal law #265-FZ dated July 31, 2020 modified subsec.26 of sec.2 of art.149 of the Russian Tax Code.")], locale: "ko-KR"), [])
        // Another magnitude is another number.
        XCTAssertEqual(codes([("1천 건", "10K items"), ("50만 명", "5M users")], locale: "ko-KR"), ["DG704", "DG704"])
        XCTAssertEqual(codes([("2 000 participants", "20 K participants"), ("5 milliards", "5M")], locale: "fr-FR"), ["DG704", "DG704"])
        XCTAssertEqual(codes([("حتى مليار من ملفات التعريف", "Up to 1 million profiles")], locale: "ar-SA"), ["DG704"])
    }

    func testTimesOfDayCompareOnTheTwentyFourHourClock() {
        // partner-center-pr.es-es partner-center/announcements/2020-december.md:107
        XCTAssertEqual(codes([("Todos los archivos de precios estarán disponibles, como de costumbre, el 31 de diciembre de 2020 aproximadamente a las 18:00, hora estándar del Pacífico (PST).",
                               "All pricing files will be available as usual, available on December 31, 2020 at approximately 6PM Pacific Standard Time (PST).")], locale: "es-ES"), [])
        // partner-center-pr.fr-fr announcements/2020-december.md:110, 2020-september.md:444, billing-basics.md:56, azure-plan-billing.md:142
        XCTAssertEqual(codes([("La mise à jour du catalogue basé sur les licences est prévue pour le 5 janvier 2021 à 17h00 (heure standard du Pacifique).",
                               "License-based catalog update is scheduled for January 5, 2021 5PM PST."),
                              ("16 septembre à 19:30 Pacifique", "September 16 at 7:30 PM Pacific Time"),
                              ("Par exemple, si votre date de facturation est le 12 septembre, le processus de génération de facture commence le 13 à 00:00 UTC (minuit) et se termine le 14 à 00:00 UTC (minuit).",
                               "For example, if you have a September 12th billing date, the invoice generation process will begin at 12:00AM UTC on the 13th and complete by 12:00AM UTC on the 14th."),
                              ("Le taux de change mensuel est le taux moyen publié par Thomson Reuters (en général) deux jours ouvrés avant la fin du mois précédent, à 16h (GMT).",
                               "The monthly exchange rate is the mid-rate published by Thomson Reuters (typically) two business days prior to the preceding month-end at 4:00 pm GMT.")],
                             locale: "fr-FR"), [])
        // partner-center-pr.ko-kr partner-center/announcements/2020-january.md:264
        XCTAssertEqual(codes([("휴일 잠금 일정에 따라 2020년 1월 가격표는 일반 가용성 일정 대신 1월 6일 오후 6시(태평양 표준시)부터 이용 가능합니다.",
                               "Per the holiday lockdown schedules, the January 2020 price lists will be available January 6 at 6:00 PM Pacific Standard Time (PST) instead of the typical availability schedule.")],
                             locale: "ko-KR"), [])
        // dynamics365smb-docs-pr.de-de business-central/ui-batch-posting.md:115
        XCTAssertEqual(codes([("In dem Feld **Startzeit** geben Sie 16:00 Uhr ein.", "In the **Starting Time** field, enter 4 PM.")], locale: "de-DE"), [])
        // Another hour is another number; so is a PM that the translation dropped (partner-center-pr.fr-fr
        // partner-center/support-resources-licensing.md:49: 11:59 is before noon).
        XCTAssertEqual(codes([("à 17:00", "at 6 PM"), ("오전 6시", "6 PM")], locale: "ko-KR"), ["DG704", "DG704"])
        XCTAssertEqual(codes([("l’examen sera retiré le 31 janvier 2021 à 11:59, heure du centre", "exam will be retired by January 31, 2021 at 11:59 PM Central Time")], locale: "fr-FR"), ["DG704"])
    }

    func testNumbersWrittenAsWordsAndIdioms() {
        // Korean writes a 1 for "an", "per" and "anniversary", and an ordinal with digits or words:
        // partner-center-pr.ko-kr marketplace/purchase-saas-offer-in-azure-portal.md:117,
        // partner-center/announcements/2020-august.md:188, renew-mpn-offers.md:29, azure-plan-billing.md:95,
        // payout-policy-details.md:37, csp-commercial-marketplace-billing.md:56
        XCTAssertEqual(codes([("1시간 후에도 이 오류 메시지가 계속 발생하면 고객 지원 담당자에게 문의하세요.", "If after an hour you keep getting this error message, please contact support."),
                              ("상용 ERP는 사용자 1인당 월 12달러(미화)입니다.", "The commercial ERP is USD $12 per user/per month."),
                              ("1주년이 경과한 후 30일 이내에 갱신할 수 있습니다.", "You have 30 days after your anniversary date to renew."),
                              ("청구서는 매월 8일 이후에 사용할 수 있습니다.", "Invoice will be available no later than the eighth of each month."),
                              ("**3개월(첫 번째 주)**", "**Month 3 (1st week)**"),
                              ("해당 월의 여덟 번째 날에 청구서를 게시할 때 세금 및 기타 적용 가능한 모든 요금 및 크레딧이 포함 됩니다.",
                               "When we post your bill on the 8th day of the month, it will include taxes and any other applicable charges and credits.")],
                             locale: "ko-KR"), [])
        // In capitals: partner-center-pr.ko-kr Archive/China-common-billing-scenarios.md:65
        XCTAssertEqual(codes([("실제 사용자 수 10명에 대한 6월 3일부터 6월 7일까지 요금 청구액 = 0", "June 3rd to June 7th for 10 seats = ZERO charge")], locale: "ko-KR"), [])
        // The translation's numbers written as words (CLDR spell-out): partner-center-pr.es-es
        // partner-center/analyze-azure-usage.md:40, partner-center-pr.fr-fr partner-center/mpn-benefits-azure-cloud.md:175
        // and announcements/2020-november.md:396, dynamics365smb-docs-pr.de-de business-central/walkthrough-planning-supplies-manually.md:44
        XCTAssertEqual(codes([("Cinco clientes principales de la categoría", "Top 5 customers in category")], locale: "es-ES"), [])
        XCTAssertEqual(codes([("Si vous essayez d’étendre la date de fin à l’aide d’une clé avec plus de trois licences/sièges actifs, le message d’erreur suivant s’affiche.",
                               "If you are trying to extend the end date by using a key with more than 3x active licenses/seats, the following error message will appear."),
                              ("Les API existantes de l’Espace partenaires seront mises hors service avant la fin du deuxième trimestre de l’exercice 2021.",
                               "The existing Partner Center APIs will be retired before the end of FY21 Q2.")], locale: "fr-FR"), [])
        XCTAssertEqual(codes([("Erstellen Sie einen Verkaufsauftrag für zehn Fahrräder am Standort EAST.", "Create one sales order for 10 bicycles at EAST location.")], locale: "de-DE"), [])
        // Round the clock: partner-center-pr.ko-kr and partner-center-pr.fr-fr partner-center/partner-earned-credit-explanation.md:33
        XCTAssertEqual(codes([("CSP에서 고객의 Azure 리소스 운영을 연중무휴로 제어하고 관리해야 합니다.", "You must have 24x7 operational control and management of the customer's Azure resources in CSP.")], locale: "ko-KR"), [])
        XCTAssertEqual(codes([("Vous devez disposer d’un contrôle et d’une gestion opérationnels 24h/24 et 7j/7 sur les ressources Azure du client dans le cadre du programme Fournisseur de solutions Cloud.",
                               "You must have 24x7 operational control and management of the customer's Azure resources in CSP.")], locale: "fr-FR"), [])
        // A third party, B2B, the verb "May Be": dynamics365smb-docs-pr.de-de business-central/finance-how-define-check-layouts.md:42
        // and design-details-balancing-demand-and-supply.md:120, customer-insights-pr.ar-sa ci-docs/audience-insights/enrichment-leadspace.md:21
        XCTAssertEqual(codes([("Im Folgenden wird erläutert, welche Schriftarten verfügbar sind, und es werden Links zu detaillierten Informationen der Drittanbieter der Schriftarten angezeigt.",
                               "The following outlines which fonts are available and has links to detailed information by the 3rd-party suppliers of the fonts."),
                              ("Sicherheitsbestand kann verbraucht werden", "Safety Stock May Be Consumed")], locale: "de-DE"), [])
        XCTAssertEqual(codes([("Leadspace هي شركة مختصة في علوم البيانات توفر نظامًا أساسيًا لبيانات العميل من عمل لعمل.",
                               "Leadspace is a data science company that provides a B2B Customer Data Platform.")], locale: "ar-SA"), [])
        // A word or an idiom stands for its own number only.
        XCTAssertEqual(codes([("2시간 후에도", "after an hour"), ("**4개월(첫 번째 주)**", "**Month 3 (1st week)**")], locale: "ko-KR"), ["DG704", "DG704"])
        XCTAssertEqual(codes([("plus de quatre licences", "more than 3x licenses"), ("24 h/24 et 6 j/7", "24x7 support")], locale: "fr-FR"), ["DG704", "DG704"])
        XCTAssertEqual(codes([("Sicherheitsbestand kann verbraucht werden", "Safety Stock May 2021")], locale: "de-DE"), ["DG704"])
    }

    /// A word list registered as Debian's dictionaries-common registers one, in a temporary folder.
    private func wordLists(_ language: String, _ name: String, _ words: [String]) throws -> TargetWords.Registry {
        let folder = try temporaryFolder(self)
        let registrations = folder.appendingPathComponent("wordlist"), lists = folder.appendingPathComponent("dict")
        try FileManager.default.createDirectory(at: registrations, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: lists, withIntermediateDirectories: true)
        try "Language: \(language)\nHash-Name: \(name)\nCoding-System: utf-8\n".write(to: registrations.appendingPathComponent("w" + name), atomically: true, encoding: .utf8)
        try (words.joined(separator: "\n") + "\n").write(to: lists.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return TargetWords.Registry(registrations: registrations.path, lists: lists.path)
    }

    func testWordsOfTheTranslationsLanguageAreNotUntranslated() throws {
        let french = try wordLists("francais (French)", "french", ["date", "description", "points", "type"])
        // partner-center-pr.fr-fr Archive/China-common-billing-scenarios.md:39,
        // partner-center/partner-contribution-indicators-small-and-midmarket-cloud-business-option.md:91
        XCTAssertEqual(codes([("Description", "Description"), ("10 points", "10 points"), ("Type", "Type")], locale: "fr-FR", wordLists: french), [])
        // English words are still reported (partner-center/core-requirements.md:31), and so is a
        // sentence of several words, each of them French or not (partner-center/incentives-enroll.md:31:
        // "User Management"), and an English lower-case word whose list form has a capital (German `Name`).
        XCTAssertEqual(codes([("Category", "Category"), ("Date Type", "Date Type")], locale: "fr-FR", wordLists: french), ["DG701", "DG701"])
        let german = try wordLists("deutsch (New German)", "ngerman", ["Name", "Option"])
        // dynamics365smb-docs-pr.de-de business-central/LocalFunctionality/Germany/walkthrough-exporting-data-for-a-digital-audit.md:154,
        // how-to-export-data-for-a-digital-audit.md:31, LocalFunctionality/Austria/how-to-issue-delivery-reminders.md:34
        XCTAssertEqual(codes([("Name", "Name"), ("Option", "Option"), ("name", "name"), ("Description", "Description")], locale: "de-DE", wordLists: german), ["DG701", "DG701"])
        // No list for the language (Korean), or none at all: the check is as it was.
        XCTAssertNil(french.list(for: Locale(identifier: "ko-KR")))
        XCTAssertEqual(codes([("Description", "Description")], locale: "fr-FR"), ["DG701"])
        XCTAssertNil(TargetWords.Registry(registrations: "/nonexistent", lists: "/nonexistent").list(for: Locale(identifier: "fr-FR")))
    }

    func testDebiansWordListsWhenInstalled() throws {
        guard let french = TargetWords.Registry.debian.list(for: Locale(identifier: "fr-FR")) else {
            throw XCTSkip("Debian's wfrench is not installed (.ci/run installs it)")
        }
        XCTAssertTrue(french.covers(["Description"]))
        XCTAssertTrue(french.covers(["Questions"]))
        XCTAssertFalse(french.covers(["Category"]))
        XCTAssertFalse(french.covers(["Approved"]))
    }
}

extension QALocaleTests {
    func testLongNumbersInIdiomsDoNotOverflow() {
        let long = String(repeating: "9", count: 40)
        XCTAssertEqual(codes([("\(long) h/\(long)", "\(long) h/\(long) and \(long)rd-party")], locale: "fr-FR"), [])
    }
}

extension QALocaleTests {
    func testAYearMayBeWrittenOnceForARange() {
        // partner-center-pr.es-es partner-center/announcements/2020-september.md:163 and 2021-january.md:606
        XCTAssertEqual(codes([("Las fechas de las prueba para partners van del 2 de octubre al 2 de diciembre de 2020.",
                               "Partner test dates are from October 2, 2020 through December 2, 2020."),
                              ("Las listas de precios basadas en licencias de enero y febrero de 2021 incluyen unos precios en lista incorrectos.",
                               "The license-based price lists for January 2021 and February 2021 included a few incorrect list prices.")], locale: "es-ES"), [])
        // A year that one side lacks altogether is still a difference.
        XCTAssertEqual(codes([("del 2 de octubre de 2020 al 2 de diciembre de 2020", "from October 2, 2020 through December 2, 2021")], locale: "es-ES"), ["DG704"])
    }

    func testSeptIsSeptember() {
        // partner-center-pr.fr-fr partner-center/announcements/2020-september.md:311 (CLDR's variant abbreviation)
        XCTAssertEqual(codes([("À compter du 22 septembre 2020, les partenaires peuvent télécharger la version du kit SDK .NET Standard de l’Espace partenaires Microsoft (SDK .NET v1.16.2).",
                               "As of Sept 22 2020, Partners can start downloading the version of .NET Standard SDK Microsoft Partner Center .NET SDK v1.16.2.")], locale: "fr-FR"), [])
        XCTAssertEqual(codes([("À compter du 22 octobre 2020", "As of Sept 22 2020")], locale: "fr-FR"), ["DG704"])
    }
}
