package dev.shop.users.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ProfileTest {

    private static final UUID SUBJECT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final Identity ALICE = new Identity(SUBJECT, "alice", "alice@example.com", "Alice Liddell");

    @Test
    void aFirstProfileIsSeededFromTheToken() {
        assertEquals(new ProfileView(SUBJECT, "alice", "alice@example.com", "Alice Liddell"),
                ProfileView.of(Profile.of(ALICE)));
    }

    @Test
    void theCustomerEditsEmailAndDisplayNameButNotTheUsername() {
        Profile profile = Profile.of(ALICE);

        profile.edit("a.liddell@example.com", "A. Liddell");

        assertEquals(new ProfileView(SUBJECT, "alice", "a.liddell@example.com", "A. Liddell"),
                ProfileView.of(profile));
    }
}
