package dev.aioj.server.lua;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * luaj's runtime error texts in Lua 5.1's words: "attempt to call nil"
 * becomes "attempt to call local 'f' (a nil value)". The variable is found
 * as Lua 5.1's getobjname finds it: the register the failing instruction
 * reads is a named local, or was last loaded from a global, a field, an
 * upvalue or a method; without a name the message is "attempt to call a nil
 * value", as in Lua 5.1.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class VmMessages {

    private VmMessages() {}

    private static final Pattern ARITH2 = Pattern.compile("^attempt to perform arithmetic \\S+ on (\\w+) and (\\w+)");
    private static final Pattern ARITH1 = Pattern.compile("^attempt to perform arithmetic (?:'\\w+' )?on (\\w+)$");
    private static final Pattern CALL = Pattern.compile("^attempt to call (\\w+)$");
    private static final Pattern INDEX = Pattern.compile("^attempt to index \\? \\(a (\\w+) value\\)");
    private static final Pattern LENGTH = Pattern.compile("^attempt to get length of (\\w+)$");
    private static final Pattern CONCAT = Pattern.compile("^attempt to concatenate (\\w+) and (\\w+)");
    private static final Pattern COMPARE2 = Pattern.compile("^attempt to compare \\S+ on (\\w+) and (\\w+)");
    private static final Pattern COMPARE = Pattern.compile("^attempt to compare (\\w+) with (\\w+)");

    /**
     * The Lua 5.1 text of a luaj error raised by instruction {@code pc} of
     * {@code closure}, whose registers are {@code stack} (null if unknown).
     */
    static String lua51(String message, LuaClosure closure, int pc, LuaValue[] stack) {
        Matcher m;
        if ((m = ARITH2.matcher(message)).find()) {
            boolean firstBad = !m.group(1).equals("number");
            String type = firstBad ? m.group(1) : m.group(2);
            return typeError("perform arithmetic on", type, operand(closure, pc, stack, firstBad ? 0 : 1));
        }
        if ((m = ARITH1.matcher(message)).find()) {
            return typeError("perform arithmetic on", m.group(1), operand(closure, pc, stack, 0));
        }
        if ((m = CALL.matcher(message)).find()) {
            return typeError("call", m.group(1), register(closure, pc, Lua.OP_CALL, Lua.OP_TAILCALL));
        }
        if ((m = INDEX.matcher(message)).find()) {
            return typeError("index", m.group(1), indexed(closure, pc));
        }
        if ((m = LENGTH.matcher(message)).find()) {
            return typeError("get length of", m.group(1), operand(closure, pc, stack, 0));
        }
        if ((m = CONCAT.matcher(message)).find()) {
            String a = m.group(1);
            String type = a.equals("string") || a.equals("number") ? m.group(2) : a;
            return typeError("concatenate", type, concatOperand(closure, pc, stack));
        }
        if ((m = COMPARE2.matcher(message)).find() || (m = COMPARE.matcher(message)).find()) {
            String a = m.group(1);
            String b = m.group(2);
            return a.equals(b) ? "attempt to compare two " + a + " values" : "attempt to compare " + a + " with " + b;
        }
        return message;
    }

    private static String typeError(String op, String type, String variable) {
        return variable == null ? "attempt to " + op + " a " + type + " value"
                : "attempt to " + op + " " + variable + " (a " + type + " value)";
    }

    private static int instruction(LuaClosure c, int pc) {
        return c != null && pc >= 0 && pc < c.p.code.length ? c.p.code[pc] : -1;
    }

    /** The name of operand {@code which} (0: B, 1: C) of an arithmetic or length instruction. */
    private static String operand(LuaClosure c, int pc, LuaValue[] stack, int which) {
        int i = instruction(c, pc);
        if (i == -1) {
            return null;
        }
        int op = Lua.GET_OPCODE(i);
        int rk;
        if (op >= Lua.OP_ADD && op <= Lua.OP_POW) {
            rk = which == 0 ? Lua.GETARG_B(i) : Lua.GETARG_C(i);
        } else if (op == Lua.OP_UNM || op == Lua.OP_LEN) {
            rk = Lua.GETARG_B(i);
        } else {
            return null;
        }
        return Lua.ISK(rk) ? null : objectName(c.p, pc, rk);
    }

    private static String concatOperand(LuaClosure c, int pc, LuaValue[] stack) {
        int i = instruction(c, pc);
        if (i == -1 || Lua.GET_OPCODE(i) != Lua.OP_CONCAT || stack == null) {
            return null;
        }
        // Lua 5.1 concatenates from the right: the failing pair is the last with a non-string.
        for (int r = Lua.GETARG_C(i); r >= Lua.GETARG_B(i); r--) {
            if (r < stack.length && stack[r] != null && !stack[r].isstring()) {
                return objectName(c.p, pc, r);
            }
        }
        return null;
    }

    private static String register(LuaClosure c, int pc, int... ops) {
        int i = instruction(c, pc);
        if (i == -1) {
            return null;
        }
        for (int op : ops) {
            if (Lua.GET_OPCODE(i) == op) {
                return objectName(c.p, pc, Lua.GETARG_A(i));
            }
        }
        return null;
    }

    private static String indexed(LuaClosure c, int pc) {
        int i = instruction(c, pc);
        if (i == -1) {
            return null;
        }
        int op = Lua.GET_OPCODE(i);
        if (op == Lua.OP_GETTABLE || op == Lua.OP_SELF) {
            return objectName(c.p, pc, Lua.GETARG_B(i));
        }
        if (op == Lua.OP_SETTABLE) {
            return objectName(c.p, pc, Lua.GETARG_A(i));
        }
        return null;
    }

    /** Lua 5.1's getobjname: "local 'x'", "global 'f'", "field 'k'", "upvalue 'u'", "method 'm'", or null. */
    static String objectName(Prototype p, int pc, int register) {
        LuaString local = p.getlocalname(register + 1, pc);
        if (local != null) {
            return "local '" + local.tojstring() + "'";
        }
        int setter = -1;
        for (int k = 0; k < pc; k++) { // the last instruction before pc that loaded the register
            int i = p.code[k];
            if (setsRegister(i, register)) {
                setter = i;
            }
        }
        if (setter == -1) {
            return null;
        }
        switch (Lua.GET_OPCODE(setter)) {
            case Lua.OP_GETTABUP: {
                String key = constantName(p, Lua.GETARG_C(setter));
                String table = p.upvalues != null && Lua.GETARG_B(setter) < p.upvalues.length
                        && p.upvalues[Lua.GETARG_B(setter)].name != null
                        ? p.upvalues[Lua.GETARG_B(setter)].name.tojstring() : "";
                return key == null ? null : (table.equals("_ENV") ? "global '" : "field '") + key + "'";
            }
            case Lua.OP_GETTABLE: {
                String key = constantName(p, Lua.GETARG_C(setter));
                return "field '" + (key == null ? "?" : key) + "'";
            }
            case Lua.OP_GETUPVAL: {
                int u = Lua.GETARG_B(setter);
                return "upvalue '" + (p.upvalues != null && u < p.upvalues.length && p.upvalues[u].name != null
                        ? p.upvalues[u].name.tojstring() : "?") + "'";
            }
            case Lua.OP_SELF: {
                String key = constantName(p, Lua.GETARG_C(setter));
                return "method '" + (key == null ? "?" : key) + "'";
            }
            case Lua.OP_MOVE: {
                int b = Lua.GETARG_B(setter);
                return b < Lua.GETARG_A(setter) ? objectName(p, pc, b) : null;
            }
            default:
                return null;
        }
    }

    private static boolean setsRegister(int i, int register) {
        int op = Lua.GET_OPCODE(i);
        switch (op) {
            case Lua.OP_SETTABUP, Lua.OP_SETUPVAL, Lua.OP_SETTABLE, Lua.OP_JMP, Lua.OP_EQ, Lua.OP_LT, Lua.OP_LE,
                    Lua.OP_TEST, Lua.OP_RETURN, Lua.OP_SETLIST, Lua.OP_FORLOOP, Lua.OP_TFORLOOP, Lua.OP_EXTRAARG:
                return false;
            case Lua.OP_LOADNIL:
                return register >= Lua.GETARG_A(i) && register <= Lua.GETARG_A(i) + Lua.GETARG_B(i);
            case Lua.OP_SELF:
                return register == Lua.GETARG_A(i) || register == Lua.GETARG_A(i) + 1;
            case Lua.OP_CALL, Lua.OP_TAILCALL, Lua.OP_TFORCALL, Lua.OP_VARARG:
                return register >= Lua.GETARG_A(i);
            default:
                return Lua.GETARG_A(i) == register;
        }
    }

    private static String constantName(Prototype p, int rk) {
        if (!Lua.ISK(rk)) {
            return null;
        }
        LuaValue k = p.k[Lua.INDEXK(rk)];
        return k.type() == LuaValue.TSTRING ? k.tojstring() : null;
    }
}
