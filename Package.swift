// swift-tools-version:6.0
import PackageDescription

// One settings list for every target: Swift 6 mode, strict concurrency.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Communicator",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "msgr", targets: ["msgr"]),
        .library(name: "XMPPCore", targets: ["XMPPCore"]),
        .library(name: "MessengerServer", targets: ["MessengerServer"]),
        .library(name: "MessengerKit", targets: ["MessengerKit"]),
        .library(name: "MessengerAutomation", targets: ["MessengerAutomation"]),
        .library(name: "MessengerWeb", targets: ["MessengerWeb"]),
        .library(name: "SIPCore", targets: ["SIPCore"]),
        .library(name: "SIPTransport", targets: ["SIPTransport"]),
        .library(name: "SIPUserAgent", targets: ["SIPUserAgent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ],
    targets: [
        // Protocol core: no I/O. XML stream parsing, JIDs, stanzas, errors, SCRAM math.
        .target(
            name: "XMPPCore",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // SIP protocol core: no I/O. Messages, URIs, digest auth, SDP, RTP, G.711.
        .target(
            name: "SIPCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // SIP over UDP and TCP: endpoints and the transaction layer with real timers.
        .target(
            name: "SIPTransport",
            dependencies: [
                "SIPCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // A SIP phone: registration, calls in and out, RTP audio from a tone or
        // WAV file, received audio recorded to WAV. MessengerKit drives it.
        .target(
            name: "SIPUserAgent",
            dependencies: [
                "SIPCore",
                "SIPTransport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The communications server: c2s, router, features, storage, SIP registrar and proxy.
        .target(
            name: "MessengerServer",
            dependencies: [
                "XMPPCore",
                "SIPCore",
                "SIPTransport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The client engine and the Automation API object model.
        .target(
            name: "MessengerKit",
            dependencies: [
                "XMPPCore",
                "SIPCore",
                "SIPUserAgent",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The local automation endpoint (JSON-RPC over a Unix socket) and the
        // Swift proxy that attaches to it.
        .target(
            name: "MessengerAutomation",
            dependencies: [
                "MessengerKit",
                "XMPPCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The web UI: static pages, and a WebSocket that carries the
        // automation endpoint's JSON-RPC to the browser.
        .target(
            name: "MessengerWeb",
            dependencies: [
                "MessengerKit",
                "MessengerAutomation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/web")],
            swiftSettings: swiftSettings
        ),
        // `msgr bench`: a lean XMPP load generator (one small channel handler
        // per connection, no per-connection task) and its phases and figures.
        .target(
            name: "MessengerBench",
            dependencies: [
                "XMPPCore",
                // `msgr bench-client` (Client/): our server, a MessengerKit client and its automation socket.
                "MessengerServer",
                "MessengerKit",
                "MessengerAutomation",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // libFuzzer targets (scripts/fuzz.sh builds them with -DFUZZING and the
        // sanitizers; a normal build makes harmless stubs).
        .target(name: "FuzzDriver", swiftSettings: swiftSettings),
        .executableTarget(
            name: "FuzzSIPMessage",
            dependencies: ["FuzzDriver", "SIPCore"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FuzzSCRAM",
            dependencies: ["FuzzDriver", "XMPPCore"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FuzzAutomationRPC",
            dependencies: [
                "FuzzDriver", "MessengerKit", "MessengerAutomation",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FuzzXMLStream",
            dependencies: ["FuzzDriver", "XMPPCore", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        // Thin CLI over everything above.
        .executableTarget(
            name: "msgr",
            dependencies: [
                "MessengerServer",
                "SIPCore",
                "SIPTransport",
                "SIPUserAgent",
                "MessengerKit",
                "MessengerAutomation",
                "MessengerWeb",
                "MessengerBench",
                "XMPPCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "XMPPCoreTests",
            dependencies: [
                "XMPPCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SIPCoreTests",
            dependencies: [
                "SIPCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SIPTransportTests",
            dependencies: [
                "SIPTransport",
                "SIPCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SIPUserAgentTests",
            dependencies: [
                "SIPUserAgent",
                "SIPCore",
                "SIPTransport",
                "MessengerServer",
                "XMPPCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MessengerKitTests",
            dependencies: [
                "MessengerKit",
                "SIPUserAgent",
                "MessengerAutomation",
                "MessengerServer",
                "XMPPCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MessengerWebTests",
            dependencies: [
                "MessengerWeb",
                "MessengerKit",
                "MessengerAutomation",
                "MessengerServer",
                "XMPPCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MessengerBenchTests",
            dependencies: [
                "MessengerBench",
                "MessengerServer",
                "MessengerKit",
                "XMPPCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MessengerServerTests",
            dependencies: [
                "MessengerServer",
                "XMPPCore",
                "SIPCore",
                "SIPTransport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
