import Foundation

/// The front door of `diglot serve`: every request's head (RFC 9112 §2.1: the request line, the header
/// lines and the empty line that ends them) is read here, bounded and checked before the HTTP server
/// (FlyingFox) sees a byte of it. Heads that pass are handed on with their request line as received
/// and only the headers the server needs (see ``check(requestLine:headerLines:boundAddress:)``); the
/// others are refused.
///
/// Why in front: FlyingFox 0.27.1 reads a line by testing, after every byte, whether the bytes so far
/// end in `\n` with `Sequence.suffix(_:)`, which walks the whole line: reading a line of n bytes costs
/// O(n²) (in a release build 100 KB took 7 s, so a 1 MB line about 12 minutes: two of them took both
/// cores of a laptop and the server answered nothing). It has no limit, option or hook before that read
/// (`HTTPServer.Configuration` bounds only bodies and handler time), so the bound is put before it.
///
/// Limits and refusals (the status and the short plain-text body, then the connection is closed):
/// - request line over ``requestLineLimit`` bytes (its line ending included): 414 URI Too Long
///   (RFC 9110 §15.5.15; RFC 9112 §3 recommends supporting at least 8,000 octets);
/// - a header line over ``headerLineLimit`` bytes, or a head over ``headLimit`` bytes in all:
///   431 Request Header Fields Too Large (RFC 6585 §5);
/// - no `Host`, more than one, a header line folded onto the next (obs-fold) or with white space
///   before its colon: 400 Bad Request (RFC 9112 §3.2, §5.1 and §5.2);
/// - a `Host` that names neither the bound address nor the local machine: 421 Misdirected Request
///   (RFC 9110 §15.5.20: the target "does not match an origin for which the server has been
///   configured"). This is what defeats DNS rebinding: a page whose own name was made to resolve to
///   127.0.0.1 still sends its own name as `Host`. 421 rather than 403: nothing is forbidden to the
///   client, the request reached a server that is not the origin it named;
/// - any content (`Transfer-Encoding`, or a `Content-Length` other than 0): 413 Content Too Large
///   (RFC 9110 §15.5.14). The preview only answers GET; with no content every byte on a connection
///   belongs to a head, so each pipelined request is bounded too.
///
/// Lines end in LF with an optional CR before it (RFC 9112 §2.2); empty lines before a request line are
/// skipped (§2.2) and count towards ``headLimit``.
public struct PreviewRequestGate: Sendable {
    /// The most bytes a request line may have, its line ending included.
    public static let requestLineLimit = 8192
    /// The most bytes a header line may have, its line ending included.
    public static let headerLineLimit = 8192
    /// The most bytes a head may have in all: request line, header lines and the empty line.
    public static let headLimit = 16384
    /// The path the gate asks the HTTP server to answer a refusal at (`/__diglot/refused/414`): the
    /// refusal then goes out after the responses to the requests before it on the connection.
    public static let refusalPath = "/__diglot/refused/"

    /// What the gate makes of the bytes it has so far.
    public enum Step: Equatable, Sendable {
        /// The head is not complete yet: give the gate more bytes.
        case needMore
        /// A complete head that passed: hand these bytes on (the request line as received and the
        /// headers the server needs).
        case pass([UInt8])
        /// Refuse the request and close the connection.
        case refuse(Refusal)
    }

    /// A refusal: the status code and why.
    public struct Refusal: Equatable, Sendable {
        public let status: Int
        public let reason: String

        /// The status's reason phrase (RFC 9110 §15, RFC 6585 §5).
        public var phrase: String {
            switch status {
            case 400: return "Bad Request"
            case 413: return "Content Too Large"
            case 414: return "URI Too Long"
            case 421: return "Misdirected Request"
            case 431: return "Request Header Fields Too Large"
            default: return "Refused"
            }
        }

        /// The response body: one line of plain text.
        public var body: String { "\(status) \(phrase): \(reason)\n" }

        /// The refusal of a status code the gate gives (400, 413, 414, 421 or 431), as the HTTP
        /// server gets it from ``refusalPath``; nil for other paths and codes.
        public static func at(path: String) -> Refusal? {
            guard path.hasPrefix(refusalPath), let status = Int(path.dropFirst(refusalPath.count)) else { return nil }
            return [badRequest, contentTooLarge, uriTooLong, misdirected, headersTooLarge].first { $0.status == status }
        }

        static let badRequest = Refusal(status: 400, reason: "a request needs exactly one Host header, and no header line folded or with a space before its colon.")
        static let contentTooLarge = Refusal(status: 413, reason: "this server accepts no request content.")
        static let uriTooLong = Refusal(status: 414, reason: "the request line is over \(requestLineLimit) bytes.")
        static let misdirected = Refusal(status: 421, reason: "this server answers only for the address it listens on and localhost.")
        static let headersTooLarge = Refusal(status: 431, reason: "a header line is over \(headerLineLimit) bytes or the header over \(headLimit).")

        /// The request the gate sends the HTTP server in place of the refused one: it asks for the
        /// refusal and for the connection to be closed after it.
        public var upstreamRequest: [UInt8] {
            Array("GET \(refusalPath)\(status) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
        }
    }

    /// The address the server listens on (`127.0.0.1`, `0.0.0.0`, `192.168.1.5`).
    public let boundAddress: String
    private var buffer: [UInt8] = []
    private var scanned = 0        // bytes of `buffer` looked at
    private var lineStart = 0
    private var lines: [Range<Int>] = []  // the head's lines so far, line endings excluded

    public init(boundAddress: String) {
        self.boundAddress = boundAddress
    }

    /// Adds bytes read from the connection.
    public mutating func receive(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next step: call it until it answers `.needMore`, then `receive` more. Each byte is looked
    /// at once, so the cost is linear in what the client sends.
    public mutating func next() -> Step {
        while scanned < buffer.count {
            let byte = buffer[scanned]
            scanned += 1
            // This line's bytes so far, this one included.
            let length = scanned - lineStart
            if lines.isEmpty, length > Self.requestLineLimit { return .refuse(.uriTooLong) }
            if !lines.isEmpty, length > Self.headerLineLimit || scanned > Self.headLimit { return .refuse(.headersTooLarge) }
            if scanned > Self.headLimit { return .refuse(.uriTooLong) }  // empty lines before a long request line
            guard byte == UInt8(ascii: "\n") else { continue }
            var end = scanned - 1
            if end > lineStart, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            if end > lineStart {
                lines.append(lineStart..<end)
            } else if !lines.isEmpty {
                return finish()
            }
            lineStart = scanned
        }
        return .needMore
    }

    /// A complete head: check it, and keep what follows it for the next request.
    private mutating func finish() -> Step {
        let requestLine = buffer[lines[0]]
        let headerLines = lines.dropFirst().map { buffer[$0] }
        let step = Self.check(requestLine: requestLine, headerLines: headerLines, boundAddress: boundAddress)
        buffer.removeFirst(scanned)
        scanned = 0
        lineStart = 0
        lines = []
        return step
    }

    /// What a head earns: a refusal, or the head the HTTP server is given (line endings excluded from
    /// the lines given here).
    ///
    /// The head handed on is the request line as received, the `Host` line and, when the client asked
    /// for one, `Connection: close` or `Connection: keep-alive`; nothing else. The preview reads only
    /// the path, and FlyingFox only `Connection` (RFC 9112 §9.3: whether to keep the connection), so
    /// nothing is lost; and FlyingFox's quadratic line reading then costs at most one request line
    /// (its line test over 8,192 bytes takes 29 ms in a release build, 1.5 s in a debug build), not
    /// every header line too (a large `Cookie` set by another local site, sent with every request).
    static func check(requestLine: ArraySlice<UInt8>, headerLines: [ArraySlice<UInt8>], boundAddress: String) -> Step {
        var hosts: [String] = []
        var connection: [String] = []
        for line in headerLines {
            if let first = line.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { return .refuse(.badRequest) }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            if name.last == " " || name.last == "\t" { return .refuse(.badRequest) }  // RFC 9112 §5.1
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            switch name {
            case "host": hosts.append(value)
            case "transfer-encoding": return .refuse(.contentTooLarge)
            case "content-length" where value != "0": return .refuse(.contentTooLarge)
            case "connection": connection += value.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            default: break
            }
        }
        guard hosts.count == 1 else { return .refuse(.badRequest) }
        guard isAllowedHost(hosts[0], boundAddress: boundAddress) else { return .refuse(.misdirected) }
        var head = Array(requestLine) + Array("\r\nHost: \(hosts[0])\r\n".utf8)
        if connection.contains("close") {
            head += Array("Connection: close\r\n".utf8)
        } else if connection.contains("keep-alive") {
            head += Array("Connection: keep-alive\r\n".utf8)
        }
        return .pass(head + Array("\r\n".utf8))
    }

    /// Whether a `Host` value (RFC 9110 §7.2: `uri-host [":" port]`) names this server: the bound
    /// address, `localhost`, `127.0.0.1` or `[::1]`, with any port or none. Names compare without
    /// regard to case (RFC 3986 §3.2.2). Any port is accepted: a tunnel (`ssh -L 9000:localhost:8000`)
    /// changes the port the browser names, and DNS rebinding is stopped by the name alone.
    public static func isAllowedHost(_ value: String, boundAddress: String) -> Bool {
        var host = Substring(value.lowercased())
        var port: Substring = ""
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            port = host[host.index(after: close)...]
            host = host[...close]
        } else if let colon = host.firstIndex(of: ":") {
            port = host[colon...]
            host = host[..<colon]
        }
        if !port.isEmpty {
            let digits = port.dropFirst()
            guard port.first == ":", (1...5).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        }
        return ["localhost", "127.0.0.1", "[::1]", boundAddress.lowercased()].contains(String(host))
    }
}
