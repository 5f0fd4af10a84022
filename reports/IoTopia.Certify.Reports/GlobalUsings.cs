// Every view model handed to Fluid is plain dictionaries, lists and scalars: nothing to register with the
// MemberAccessStrategy, and values are never null (the templates run with StrictVariables, so a typo throws).
global using Row = System.Collections.Generic.Dictionary<string, object>;
