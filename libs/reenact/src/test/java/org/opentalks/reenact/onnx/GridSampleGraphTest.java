package org.opentalks.reenact.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridSampleGraphTest {

    @Test
    void protobufEncodingFollowsTheWireFormat() {
        // Examples from protobuf.dev/programming-guides/encoding: 150 in field 1 is 08 96 01; a string is
        // tag, length, UTF-8 bytes; -1 as int64 takes ten bytes.
        assertArrayEquals(new byte[] {0x08, (byte) 0x96, 0x01}, new OnnxModelWriter.Message().varint(1, 150)
                .toByteArray());
        assertArrayEquals(new byte[] {0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g'},
                new OnnxModelWriter.Message().string(2, "testing").toByteArray());
        byte[] minusOne = new OnnxModelWriter.Message().varint(3, -1).toByteArray();
        assertEquals(11, minusOne.length);
        assertEquals(0x01, minusOne[10]);
        // A model opens with ir_version (field 1, varint).
        assertArrayEquals(new byte[] {0x08, 0x08}, Arrays.copyOf(GridSampleGraph.build(4, 3), 2));
    }

    @Test
    void onnxRuntimeReadsTheGraphWithItsFixedShapes() throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        environment.setTelemetry(false);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = environment.createSession(GridSampleGraph.build(96, 64), options)) {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            assertEquals(List.of(GridSampleGraph.SRC, GridSampleGraph.MAP_X, GridSampleGraph.MAP_Y),
                    List.copyOf(inputs.keySet()));
            assertTensor(inputs.get(GridSampleGraph.SRC), OnnxJavaType.UINT8, 1, 64, 96, 3);
            assertTensor(inputs.get(GridSampleGraph.MAP_X), OnnxJavaType.FLOAT, 1, 64, 96);
            assertTensor(inputs.get(GridSampleGraph.MAP_Y), OnnxJavaType.FLOAT, 1, 64, 96);
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            assertEquals(List.of(GridSampleGraph.DST), List.copyOf(outputs.keySet()));
            assertTensor(outputs.get(GridSampleGraph.DST), OnnxJavaType.UINT8, 1, 64, 96, 3);
        }
    }

    private static void assertTensor(NodeInfo info, OnnxJavaType type, long... shape) {
        TensorInfo tensor = (TensorInfo) info.getInfo();
        assertEquals(type, tensor.type, info.getName());
        assertArrayEquals(shape, tensor.getShape(), info.getName());
    }
}
