package dev.shop.stack;

/** A command line that names something that does not exist or is not allowed: refused with exit code 2. */
public final class UsageException extends StackException {

    public UsageException(String message) {
        super(message);
    }
}
