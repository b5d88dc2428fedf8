import Foundation
import NIOCore
import NIOPosix

/// One HTTP/1.1 request written by hand, so a test controls every header
/// (`Host` and `Origin` included), and the response as it came back.
struct RawHTTPResponse {
    let status: Int
    /// Lower-cased names.
    let headers: [String: String]
    let body: String

    static func get(port: Int, path: String, headers: [(String, String)]) async throws -> RawHTTPResponse {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        var request = "GET \(path) HTTP/1.1\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "Connection: close\r\n\r\n"
        var received = ""
        try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: request))
            for try await buffer in inbound {
                received += String(buffer: buffer)
                // A 101 answer keeps the connection open; its head is all we need.
                if received.hasPrefix("HTTP/1.1 101"), received.contains("\r\n\r\n") { break }
            }
        }
        return try parse(received)
    }

    struct Malformed: Error {}

    static func parse(_ text: String) throws -> RawHTTPResponse {
        guard let split = text.range(of: "\r\n\r\n") else { throw Malformed() }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        guard let statusLine = lines.first, statusLine.split(separator: " ").count >= 2,
              let status = Int(statusLine.split(separator: " ")[1])
        else { throw Malformed() }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return RawHTTPResponse(status: status, headers: headers, body: String(text[split.upperBound...]))
    }
}
