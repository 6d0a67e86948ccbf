package dev.shop.users.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What a token says about its caller, with the gaps a token may have filled sensibly. */
@Tag("fast")
class IdentityTest {

    private static final UUID SUBJECT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

    @Test
    void aCompleteTokenIsTakenAsItIs() {
        Identity identity = new Identity(SUBJECT, "alice", "alice@example.com", "Alice Liddell");

        assertEquals("alice", identity.username());
        assertEquals("alice@example.com", identity.email());
        assertEquals("Alice Liddell", identity.displayName());
    }

    @Test
    void withoutAUsernameTheSubjectNamesTheCaller() {
        Identity identity = new Identity(SUBJECT, " ", null, null);

        assertEquals(SUBJECT.toString(), identity.username());
        assertEquals(SUBJECT.toString(), identity.displayName());
    }

    @Test
    void withoutADisplayNameTheUsernameIsShown() {
        assertEquals("alice", new Identity(SUBJECT, "alice", null, "").displayName());
    }

    @Test
    void theDisplayNameIsStrippedOfSurroundingSpaces() {
        assertEquals("Alice Liddell", new Identity(SUBJECT, "alice", null, "  Alice Liddell ").displayName());
    }

    @Test
    void aBlankEmailIsNoEmail() {
        assertNull(new Identity(SUBJECT, "alice", "  ", null).email());
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        assertThrows(NullPointerException.class, () -> new Identity(null, "alice", null, null));
    }
}
