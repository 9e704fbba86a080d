import Foundation

/// An email draft as an RFC 5322 message: CRLF line ends, MIME 1.0, `multipart/alternative` with the
/// plain-text part first and the HTML part last, UTF-8 bodies in quoted-printable (lines of at most 76
/// characters), an RFC 2047 encoded subject, and `X-Unsent: 1` so that mail clients open it as an
/// editable draft. `From` and `Date` are left to the mail client, which fills them in when it sends.
public struct MIMEMessage: Sendable {
    public var to: String?
    public var subject: String
    public var language: String
    public var text: String
    public var html: String

    public init(to: String?, subject: String, language: String, text: String, html: String) {
        self.to = to
        self.subject = subject
        self.language = language
        self.text = text
        self.html = html
    }

    /// A boundary that quoted-printable text can never hold (`=_` would be written `=3D_`).
    static let boundary = "=_diglot_alternative_0"

    public var bytes: [UInt8] {
        var lines: [String] = ["MIME-Version: 1.0", "X-Unsent: 1"]
        if let to { lines.append("To: \(to)") }
        lines.append(MIMEEncoding.header("Subject", MIMEEncoding.encodedWords(subject)))
        lines.append("Content-Language: \(language)")
        lines.append("Content-Type: multipart/alternative; boundary=\"\(Self.boundary)\"")
        lines.append("")
        lines.append("This is a message in MIME format: a plain-text part and an HTML part.")
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines.append("--\(Self.boundary)")
            lines.append("Content-Type: \(type); charset=utf-8")
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines.append(MIMEEncoding.quotedPrintable(body))
        }
        lines.append("--\(Self.boundary)--")
        lines.append("")
        return Array(lines.joined(separator: "\r\n").utf8)
    }
}

/// The encodings of RFC 2045 (quoted-printable) and RFC 2047 (encoded words).
public enum MIMEEncoding {
    /// UTF-8 text as quoted-printable with CRLF line ends; encoded lines are at most 76 characters.
    public static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index > 0 { out += [0x0D, 0x0A] }
            var length = 0
            let bytes = Array(line.utf8)
            for (i, byte) in bytes.enumerated() {
                let isLast = i == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !isLast)
                let piece: [UInt8] = literal ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                // A soft line break (`=` at the end) keeps every line within 76 characters.
                let room = isLast ? 76 : 75
                if length + piece.count > room {
                    out += [UInt8(ascii: "="), 0x0D, 0x0A]
                    length = 0
                }
                out += piece
                length += piece.count
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// RFC 2047 `=?UTF-8?B?…?=` words of at most 39 bytes (64 characters, so that even the first line,
    /// after `Subject: `, stays within 76), never splitting a character.
    public static func encodedWords(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && text.utf8.count <= 60 && !text.contains("=?") {
            return [text]
        }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words
    }

    /// A header whose words are folded onto continuation lines.
    static func header(_ name: String, _ words: [String]) -> String {
        "\(name): " + words.joined(separator: "\r\n ")
    }

    /// RFC 6068 `mailto:` URL; every character of every value is percent-encoded except unreserved ones.
    public static func mailto(to: String?, subject: String, body: String) -> String {
        let crlfBody = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let address = to.map { percentEncoded($0, keeping: "@") } ?? ""
        return "mailto:\(address)?subject=\(percentEncoded(subject))&body=\(percentEncoded(crlfBody))"
    }

    /// Past about this many characters some mail clients and browsers cut a `mailto:` URL.
    public static let mailtoLimit = 1_800

    static func percentEncoded(_ s: String, keeping extra: String = "") -> String {
        let keep = Set(extra.utf8)
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                if keep.contains(byte) { out.unicodeScalars.append(Unicode.Scalar(byte)) } else { out += String(format: "%%%02X", byte) }
            }
        }
        return out
    }
}
