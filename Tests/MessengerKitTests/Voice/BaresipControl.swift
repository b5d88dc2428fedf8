import Foundation
import NIOCore
import NIOPosix

/// One JSON message from baresip's `ctrl_tcp` module: a response to a
/// command (`response`, `ok`, `data`, `token`) or an event (`event`,
/// `type` such as `CALL_ESTABLISHED`, `param`).
struct BaresipControlMessage: Decodable, Sendable {
    var response: Bool?
    var ok: Bool?
    var data: String?
    var token: String?
    var event: Bool?
    var type: String?
    var param: String?
}

/// A connection to baresip's `ctrl_tcp` socket: netstring-framed JSON
/// (`<length>:<json>,`) both ways. Keeps every message that arrives so a
/// test can wait for an event that came before it started waiting.
final class BaresipControl: Sendable {
    private let channel: any Channel
    let messages: Collector<BaresipControlMessage>

    private init(channel: any Channel, messages: Collector<BaresipControlMessage>) {
        self.channel = channel
        self.messages = messages
    }

    static func connect(port: Int) async throws -> BaresipControl {
        let (stream, continuation) = AsyncStream.makeStream(of: BaresipControlMessage.self)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NetstringJSONHandler(continuation: continuation))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return BaresipControl(channel: channel, messages: Collector(stream))
    }

    /// Sends `command` and returns baresip's response to it, or nil when none came within `timeout`.
    @discardableResult
    func send(_ command: String, params: String? = nil, timeout: Duration = .seconds(30)) async throws -> BaresipControlMessage? {
        struct Command: Encodable { var command: String; var params: String?; var token: String }
        let token = UUID().uuidString
        let json = try JSONEncoder().encode(Command(command: command, params: params, token: token))
        var buffer = channel.allocator.buffer(capacity: json.count + 12)
        buffer.writeString("\(json.count):")
        buffer.writeBytes(json)
        buffer.writeString(",")
        try await channel.writeAndFlush(buffer)
        return await messages.first(within: timeout) { $0.response == true && $0.token == token }
    }

    /// The first event of `type` (kept or future), or nil after `timeout`.
    func event(_ type: String, within timeout: Duration = .seconds(30)) async -> BaresipControlMessage? {
        await messages.first(within: timeout) { $0.event == true && $0.type == type }
    }

    func close() async {
        try? await channel.close()
    }
}

/// Splits the byte stream into netstrings and decodes each as JSON.
private final class NetstringJSONHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let continuation: AsyncStream<BaresipControlMessage>.Continuation
    private var pending: [UInt8] = []

    init(continuation: AsyncStream<BaresipControlMessage>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        while let colon = pending.firstIndex(of: UInt8(ascii: ":")),
            let length = Int(String(decoding: pending[..<colon], as: UTF8.self)),
            pending.count >= colon + 1 + length + 1
        {
            let payload = Array(pending[(colon + 1)..<(colon + 1 + length)])
            pending.removeFirst(colon + 1 + length + 1)
            if let message = try? JSONDecoder().decode(BaresipControlMessage.self, from: Data(payload)) {
                continuation.yield(message)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
    }
}
