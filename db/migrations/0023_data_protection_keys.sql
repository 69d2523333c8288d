-- Data-protection keys (issue 19, several nodes): the key ring that signs and encrypts sign-in cookies, antiforgery
-- tokens and emailed one-time links, kept in the database so every app node reads and writes the same ring and a
-- cookie issued by one node is accepted by all. Infrastructure/DataProtectionKeys.cs is its repository. Rows are only
-- added (ASP.NET Core revokes a key by adding a revocation element); friendly_name is the name it gives the element
-- (key-{id}, revocation-...), not a key: two nodes may each add one in the same instant.
CREATE TABLE data_protection_keys (
    id             INTEGER PRIMARY KEY,
    friendly_name  TEXT NOT NULL CHECK (length(friendly_name) BETWEEN 1 AND 200),
    xml            TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
