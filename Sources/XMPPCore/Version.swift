public enum XMPPCoreVersion { public static let string = "0.1.0" }
