package org.opentalks.speech.piper;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a small ONNX model (one {@code ModelProto} with its {@code GraphProto}) in protobuf's wire format, so that
 * the tests can make models without Python: nodes with INT and INTS attributes, float and int64 initializers, and
 * tensor inputs and outputs whose dimensions are fixed numbers or named (dynamic) ones.
 *
 * <p>Field numbers are those of {@code onnx/onnx.proto} (github.com/onnx/onnx); the encoding is protobuf's
 * (protobuf.dev/programming-guides/encoding): a tag {@code field << 3 | wire type}, varints for integers, a length
 * before bytes and messages.
 */
final class OnnxWriter {
    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int BOOL = 9;

    private final List<Proto> nodes = new ArrayList<>();
    private final List<Proto> initializers = new ArrayList<>();
    private final List<Proto> inputs = new ArrayList<>();
    private final List<Proto> outputs = new ArrayList<>();
    private int counter;

    /** A graph input; each dimension is a Long (fixed) or a String (named, dynamic). */
    OnnxWriter input(String name, int type, Object... dims) {
        inputs.add(valueInfo(name, type, dims));
        return this;
    }

    OnnxWriter output(String name, int type, Object... dims) {
        outputs.add(valueInfo(name, type, dims));
        return this;
    }

    /** A float constant; {@code dims} empty for a scalar. */
    OnnxWriter floats(String name, long[] dims, float... values) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return initializer(name, FLOAT, dims, raw.array());
    }

    OnnxWriter longs(String name, long[] dims, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        return initializer(name, INT64, dims, raw.array());
    }

    private OnnxWriter initializer(String name, int type, long[] dims, byte[] raw) {
        // TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9.
        Proto tensor = new Proto();
        for (long d : dims) {
            tensor.varint(1, d);
        }
        initializers.add(tensor.varint(2, type).string(8, name).bytes(9, raw));
        return this;
    }

    /** A node of the default domain; {@code attributes} from {@link #intAttribute} and {@link #intsAttribute}. */
    OnnxWriter node(String op, List<String> in, List<String> out, Proto... attributes) {
        // NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.
        Proto node = new Proto();
        in.forEach(i -> node.string(1, i));
        out.forEach(o -> node.string(2, o));
        node.string(3, op + "_" + counter++).string(4, op);
        for (Proto a : attributes) {
            node.message(5, a);
        }
        nodes.add(node);
        return this;
    }

    static Proto intAttribute(String name, long value) {
        // AttributeProto: name = 1, i = 3, type = 20 (INT = 2).
        return new Proto().string(1, name).varint(3, value).varint(20, 2);
    }

    static Proto intsAttribute(String name, long... values) {
        // AttributeProto: ints = 8, type INTS = 7.
        Proto p = new Proto().string(1, name);
        for (long v : values) {
            p.varint(8, v);
        }
        return p.varint(20, 7);
    }

    byte[] model(long irVersion, long opset) {
        // GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12.
        Proto graph = new Proto();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, "test_voice");
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(i -> graph.message(11, i));
        outputs.forEach(o -> graph.message(12, o));
        // ModelProto: ir_version = 1, producer_name = 2, graph = 7, opset_import = 8 (OperatorSetIdProto version = 2).
        return new Proto().varint(1, irVersion).string(2, "opentalks-piper-tests").message(7, graph)
                .message(8, new Proto().varint(2, opset)).bytes();
    }

    private static Proto valueInfo(String name, int type, Object... dims) {
        // TensorShapeProto.dim = 1; Dimension: dim_value = 1, dim_param = 2.
        Proto shape = new Proto();
        for (Object d : dims) {
            shape.message(1, d instanceof String s ? new Proto().string(2, s) : new Proto().varint(1, (Long) d));
        }
        // TypeProto.Tensor: elem_type = 1, shape = 2; TypeProto.tensor_type = 1; ValueInfoProto: name = 1, type = 2.
        return new Proto().string(1, name).message(2, new Proto().message(1, new Proto().varint(1, type)
                .message(2, shape)));
    }

    /** One protobuf message being written, fields in order. */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            tag(field, 0);
            raw(value);
            return this;
        }

        Proto bytes(int field, byte[] value) {
            tag(field, 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return bytes(field, value.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void tag(int field, int wire) {
            raw((long) field << 3 | wire);
        }

        private void raw(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                out.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
