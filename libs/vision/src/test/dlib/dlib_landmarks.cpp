// Reference tool for the golden landmark test: runs dlib's own shape_predictor (and, for calibration,
// dlib's HOG frontal face detector) so that the Java port is checked against dlib itself.
//
// Build (Debian bookworm, apt-get install libdlib-dev):
//   g++ -O2 -o /tmp/dlib_landmarks dlib_landmarks.cpp -ldlib -lpthread -lpng -ljpeg -lz \
//       -l:libblas.so.3 -l:liblapack.so.3
// Use:
//   dlib_landmarks predictor.dat image.png left top right bottom   -> JSON with the 68 points
//   dlib_landmarks detect image.png                                 -> dlib HOG face boxes
// The golden file src/test/resources/dlib-landmarks-golden.json holds its output for the rectangles listed there.
#include <dlib/image_io.h>
#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
    dlib::array2d<dlib::rgb_pixel> img;
    if (argc == 3 && std::string(argv[1]) == "detect") {
        dlib::load_image(img, argv[2]);
        dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
        for (const dlib::rectangle& r : detector(img)) {
            std::cout << r.left() << " " << r.top() << " " << r.right() << " " << r.bottom() << "\n";
        }
        return 0;
    }
    if (argc != 7) {
        std::cerr << "usage: dlib_landmarks predictor.dat image.png left top right bottom\n";
        return 2;
    }
    dlib::shape_predictor sp;
    dlib::deserialize(argv[1]) >> sp;
    dlib::load_image(img, argv[2]);
    dlib::rectangle rect(std::atol(argv[3]), std::atol(argv[4]), std::atol(argv[5]), std::atol(argv[6]));
    dlib::full_object_detection shape = sp(img, rect);
    std::cout << "{\"rect\": [" << rect.left() << ", " << rect.top() << ", " << rect.right() << ", "
              << rect.bottom() << "],\n \"points\": [";
    for (unsigned long i = 0; i < shape.num_parts(); ++i) {
        std::cout << (i ? ",\n  " : "\n  ") << "[" << shape.part(i).x() << ", " << shape.part(i).y() << "]";
    }
    std::cout << "\n ]}\n";
    return 0;
}
