import XMPPCore
