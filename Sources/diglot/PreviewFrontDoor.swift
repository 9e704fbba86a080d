import Diglot
import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `diglot serve`'s listening socket. The HTTP server (FlyingFox) listens on a Unix socket in a folder
/// only this user can open; the front door accepts the TCP connections, reads each request's head
/// through a `PreviewRequestGate` (bounded, linear, `Host` checked) and hands the heads that pass to
/// the HTTP server unchanged, copying its responses back. A refused request becomes a request for
/// the refusal (`/__diglot/refused/414`, with `Connection: close`), so that it is answered after the
/// requests before it on the connection; then the connection closes. Sockets are FlyingSocks's
/// (FlyingFox's own socket library): non-blocking, one task per direction of each connection.
struct PreviewFrontDoor: Sendable {
    let listener: AsyncSocket
    let upstream: sockaddr_un
    let boundAddress: String
    let pool: any AsyncSocketPool

    /// How long a refused connection is still read (and the bytes thrown away) after its response, so
    /// that closing it does not reset the connection before the client has read the refusal (a close
    /// with unread bytes sends RST, RFC 9293 §3.6.1 and RFC 1122 §4.2.2.13).
    static let lingerSeconds: UInt64 = 2
    /// How long a connection may go without a complete request head (FlyingFox has no such limit).
    static let idleSeconds: TimeInterval = 30

    /// Binds and listens on `address` (before anything is served); `port` is the one the system chose
    /// for port 0.
    static func listen(on address: sockaddr_in, boundAddress: String, upstream: sockaddr_un) async throws -> (door: PreviewFrontDoor, port: UInt16) {
        let pool: some AsyncSocketPool = .make()
        try await pool.prepare()
        let socket = try Socket(domain: Int32(AF_INET))
        try socket.setValue(true, for: .localAddressReuse)
        try socket.bind(to: address)
        try socket.listen()
        var port = address.sin_port.bigEndian
        if case .ip4(_, let actual) = try socket.sockname() { port = actual }
        let door = PreviewFrontDoor(listener: try AsyncSocket(socket: socket, pool: pool), upstream: upstream, boundAddress: boundAddress, pool: pool)
        return (door, port)
    }

    /// Accepts connections until the task is cancelled. A failed accept (`EMFILE` when every file
    /// descriptor is taken, say) waits a tenth of a second and accepts again: the door never stops.
    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await pool.run() }
            group.addTask {
                await withDiscardingTaskGroup { connections in
                    while !Task.isCancelled {
                        do {
                            let client = try await listener.accept()
                            connections.addTask { await serve(client) }
                        } catch {
                            try? await Task.sleep(nanoseconds: 100_000_000)
                        }
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private enum Part { case requests, responses, watch }

    /// The time of a connection's last complete head (or of its start).
    private final class LastHead: @unchecked Sendable {
        private let lock = NSLock()
        private var time = Date()
        func touch() { lock.withLock { time = Date() } }
        var seconds: TimeInterval { lock.withLock { Date().timeIntervalSince(time) } }
    }

    private func serve(_ client: AsyncSocket) async {
        defer { try? client.close() }
        guard let server = try? await AsyncSocket.connected(to: upstream, pool: pool) else { return }
        defer { try? server.close() }
        let lastHead = LastHead()
        await withTaskGroup(of: Part.self) { group in
            group.addTask {
                // Requests: heads that pass go on; the first refusal ends them.
                let refused = await forwardRequests(from: client, to: server, lastHead: lastHead)
                shutdown(server.socket.file.rawValue, Int32(SHUT_WR))
                if refused { await linger(client) }
                return .requests
            }
            group.addTask {
                // Responses, as they come; at their end the client is told so (FIN).
                while let bytes = try? await server.read(atMost: 65536), !bytes.isEmpty {
                    guard (try? await client.write(Data(bytes))) != nil else { break }
                }
                shutdown(client.socket.file.rawValue, Int32(SHUT_WR))
                return .responses
            }
            group.addTask {
                // A client that has not completed a head for `idleSeconds` (idle, or sending a byte
                // now and then) is cut off, so that it cannot hold the connection for ever.
                while (try? await Task.sleep(nanoseconds: 1_000_000_000)) != nil {
                    if lastHead.seconds > Self.idleSeconds {
                        shutdown(client.socket.file.rawValue, Int32(SHUT_RDWR))
                        break
                    }
                }
                return .watch
            }
            var done = 0
            for await part in group where part != .watch {
                done += 1
                if done == 2 { group.cancelAll() }
            }
        }
    }

    /// Reads the client's requests through the gate and writes those that pass to the server; true
    /// when one was refused (the request for its refusal is written instead), false at the end of the
    /// client's bytes.
    private func forwardRequests(from client: AsyncSocket, to server: AsyncSocket, lastHead: LastHead) async -> Bool {
        var gate = PreviewRequestGate(boundAddress: boundAddress)
        while let bytes = try? await client.read(atMost: 4096), !bytes.isEmpty {
            gate.receive(bytes)
            while true {
                switch gate.next() {
                case .needMore:
                    break
                case .pass(let head):
                    lastHead.touch()
                    guard (try? await server.write(Data(head))) != nil else { return false }
                    continue
                case .refuse(let refusal):
                    _ = try? await server.write(Data(refusal.upstreamRequest))
                    return true
                }
                break
            }
        }
        return false
    }

    /// Reads and throws away what the client still sends, until it closes or for `lingerSeconds`;
    /// then the socket is shut.
    private func linger(_ client: AsyncSocket) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { while let bytes = try? await client.read(atMost: 65536), !bytes.isEmpty {} }
            group.addTask {
                try? await Task.sleep(nanoseconds: Self.lingerSeconds * 1_000_000_000)
                shutdown(client.socket.file.rawValue, Int32(SHUT_RDWR))
            }
            await group.next()
            group.cancelAll()
        }
    }
}
