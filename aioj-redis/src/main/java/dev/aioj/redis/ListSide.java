package dev.aioj.redis;

/**
 * An end of a list, for {@code LMOVE} and {@code BLMOVE}: where an element is
 * taken from and where it goes. {@code LEFT} is the head (index 0, where
 * LPUSH adds), {@code RIGHT} the tail.
 */
public enum ListSide {
    LEFT,
    RIGHT
}
