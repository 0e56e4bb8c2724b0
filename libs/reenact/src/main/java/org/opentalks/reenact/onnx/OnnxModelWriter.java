package org.opentalks.reenact.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one ONNX model (a {@code ModelProto} holding one {@code GraphProto}) and writes it in protobuf wire format,
 * with only the messages and fields a small static graph needs: nodes with INT, INTS and STRING attributes, float and
 * int64 initializers, and tensor inputs and outputs of fixed shape.
 *
 * <p>Field numbers and enum values are those of {@code onnx/onnx.proto} (github.com/onnx/onnx), stable since IR
 * version 3; the wire format is protobuf's (protobuf.dev/programming-guides/encoding). Repeated scalars are written
 * unpacked, as onnx.proto (proto2) declares them.
 */
public final class OnnxModelWriter {
    /** {@code TensorProto.DataType} values. */
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT64 = 7;

    // AttributeProto.AttributeType values.
    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_STRING = 3;
    private static final int ATTRIBUTE_INTS = 7;

    /** One encoded {@code AttributeProto}. */
    public static final class Attribute {
        private final Message message;

        private Attribute(Message message) {
            this.message = message;
        }
    }

    private final String graphName;
    private final List<Message> nodes = new ArrayList<>();
    private final List<Message> initializers = new ArrayList<>();
    private final List<Message> inputs = new ArrayList<>();
    private final List<Message> outputs = new ArrayList<>();

    public OnnxModelWriter(String graphName) {
        this.graphName = graphName;
    }

    /** A graph input: a tensor of element type {@code elemType} ({@link #FLOAT}, {@link #UINT8}) and fixed shape. */
    public OnnxModelWriter input(String name, int elemType, long... dims) {
        inputs.add(tensorValueInfo(name, elemType, dims));
        return this;
    }

    public OnnxModelWriter output(String name, int elemType, long... dims) {
        outputs.add(tensorValueInfo(name, elemType, dims));
        return this;
    }

    /** A float constant; {@code dims} empty for a scalar. */
    public OnnxModelWriter floatInitializer(String name, long[] dims, float... values) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return initializer(name, FLOAT, dims, values.length, raw.array());
    }

    /** An int64 constant (shapes, axes); {@code dims} empty for a scalar. */
    public OnnxModelWriter int64Initializer(String name, long[] dims, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        return initializer(name, INT64, dims, values.length, raw.array());
    }

    private OnnxModelWriter initializer(String name, int dataType, long[] dims, int valueCount, byte[] raw) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != valueCount) {
            throw new IllegalArgumentException(name + ": " + valueCount + " values for " + count + " elements");
        }
        // TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (fixed-width little-endian).
        Message tensor = new Message();
        for (long d : dims) {
            tensor.varint(1, d);
        }
        tensor.varint(2, dataType).string(8, name).bytes(9, raw);
        initializers.add(tensor);
        return this;
    }

    /** A node of the default ONNX domain; nodes must be added in topological order. */
    public OnnxModelWriter node(String opType, List<String> nodeInputs, List<String> nodeOutputs,
                                Attribute... attributes) {
        // NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.
        Message node = new Message();
        for (String in : nodeInputs) {
            node.string(1, in);
        }
        for (String out : nodeOutputs) {
            node.string(2, out);
        }
        node.string(3, opType + "_" + nodes.size()).string(4, opType);
        for (Attribute a : attributes) {
            node.message(5, a.message);
        }
        nodes.add(node);
        return this;
    }

    /** The serialized {@code ModelProto}, importing the default ONNX domain at {@code opsetVersion}. */
    public byte[] toModel(long irVersion, long opsetVersion, String producerName) {
        // GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12.
        Message graph = new Message();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, graphName);
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(i -> graph.message(11, i));
        outputs.forEach(o -> graph.message(12, o));
        // OperatorSetIdProto: domain = 1 (absent = the default ONNX domain), version = 2.
        Message opset = new Message().varint(2, opsetVersion);
        // ModelProto: ir_version = 1, producer_name = 2, graph = 7, opset_import = 8.
        return new Message().varint(1, irVersion).string(2, producerName).message(7, graph).message(8, opset)
                .toByteArray();
    }

    public static Attribute intAttribute(String name, long value) {
        // AttributeProto: name = 1, i = 3, type = 20.
        return new Attribute(new Message().string(1, name).varint(3, value).varint(20, ATTRIBUTE_INT));
    }

    public static Attribute intsAttribute(String name, long... values) {
        // AttributeProto: ints = 8.
        Message m = new Message().string(1, name);
        for (long v : values) {
            m.varint(8, v);
        }
        return new Attribute(m.varint(20, ATTRIBUTE_INTS));
    }

    public static Attribute stringAttribute(String name, String value) {
        // AttributeProto: s = 4 (bytes, UTF-8).
        return new Attribute(new Message().string(1, name).string(4, value).varint(20, ATTRIBUTE_STRING));
    }

    private static Message tensorValueInfo(String name, int elemType, long... dims) {
        // TensorShapeProto: dim = 1; Dimension: dim_value = 1.
        Message shape = new Message();
        for (long d : dims) {
            shape.message(1, new Message().varint(1, d));
        }
        // TypeProto.Tensor: elem_type = 1, shape = 2; TypeProto: tensor_type = 1; ValueInfoProto: name = 1, type = 2.
        Message tensorType = new Message().varint(1, elemType).message(2, shape);
        return new Message().string(1, name).message(2, new Message().message(1, tensorType));
    }

    /** Protobuf wire encoding of one message; fields appear in the order they are written. */
    static final class Message {
        private static final int WIRE_VARINT = 0;
        private static final int WIRE_LENGTH_DELIMITED = 2;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** An int32/int64/enum field; negative values take ten bytes (two's complement), as protobuf specifies. */
        Message varint(int field, long value) {
            tag(field, WIRE_VARINT);
            rawVarint(value);
            return this;
        }

        Message bytes(int field, byte[] value) {
            tag(field, WIRE_LENGTH_DELIMITED);
            rawVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Message string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message message(int field, Message value) {
            return bytes(field, value.toByteArray());
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            rawVarint(((long) field << 3) | wireType);
        }

        private void rawVarint(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                out.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
