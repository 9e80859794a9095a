/// What a read made for a caller returns once it has checked their ``BearerCredential`` on its own connection.
///
/// Only this module makes one, right after the check, so a route that takes a credential (see
/// ``RouteGuard/allow(_:verifying:)``) cannot answer without the token having been checked.
public struct Authenticated<Value> {
    package let value: Value

    package init(_ value: Value) {
        self.value = value
    }
}

extension Authenticated: Sendable where Value: Sendable {}
