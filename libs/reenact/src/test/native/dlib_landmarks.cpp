// dlib_landmarks: dlib's own HOG face detector and 68-point shape predictor as a long-lived filter, so that
// the animation's acceptance tests (libs/reenact, package org.opentalks.reenact.quality) can measure rendered
// frames with an instrument that shares no code, only dlib's model file, with the one that placed the rig
// (BlazeFace boxes and the project's Java port of the shape predictor, org.opentalks.vision).
//
// Usage: dlib_landmarks <shape_predictor_68_face_landmarks.dat>
//
// Protocol (stdin and stdout are pipes; one frame in, one line out, in order):
//   start    the tool loads the model and writes "ready <parts>" (or a message on stderr and exits 1).
//   request  one ASCII header line, then the frame's raw bytes:
//              "detect <width> <height>\n"                 the HOG detector searches the whole frame;
//              "predict <width> <height> <l> <t> <r> <b>\n"  no detection: the predictor runs on this box
//                                                          (dlib's inclusive rectangle), to compare the
//                                                          predictor with another one on the same box;
//            followed by width * height * 3 bytes, packed B, G, R, rows top to bottom, no padding.
//   reply    "face <l> <t> <r> <b> <x0> <y0> ... <x67> <y67> <detect_us> <predict_us>\n": the most confident
//            detection (or the given box) and the predictor's points in frame pixels, then how long detection
//            and prediction took in microseconds; or "none <detect_us>\n" when no face is found.
//   end      end of stdin: the tool exits 0. A malformed request: a message on stderr, exit 2.
//
// Why every frame is searched whole: measured on 512x512 frames of the sample portraits' renders, on a
// 2-core machine with other work on it, the detector costs 27-35 ms per frame (its image pyramid runs from
// full size although the faces are 215-260 px wide; up to 80 ms when the machine is busier) and the
// predictor 5 ms. Searching only a region around the first frame's face cost about 11 ms, but dlib's HOG
// boxes snap to a grid of about a tenth of the face (8-px cells at the pyramid level that finds it), and
// that grid moves with the region's origin: on Grace Hopper's frames a region gave the box (121,150)-(379,408)
// where the whole frame gives (136,136)-(394,394), and on that box the predictor put her inner lips on the
// creases of her chin (0.2 inter-ocular distances open on a closed mouth; 0.01 on the whole-frame box).
// Detecting once and predicting in a fixed or tracked box would not follow the head and would hide the
// detector's own frame-to-frame behaviour. So each frame is detected afresh and whole, as any dlib pipeline
// does, and the tests pay for it on the detector's own thread while the next frames render.
//
// Build (the tests do it, see DlibLandmarks.java):
//   g++ -O2 -std=c++17 -Wall dlib_landmarks.cpp -o dlib_landmarks -ldlib -l:libblas.so.3 -l:liblapack.so.3 -lpthread
// Debian's dlib headers (libdlib-dev 19.24) are configured with DLIB_USE_BLAS and DLIB_USE_LAPACK, so the
// program itself calls BLAS and LAPACK; libdlib-dev does not pull in libblas-dev, whose unversioned
// libblas.so `pkg-config --libs dlib-1` names, so the runtime libraries are linked by soname.

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>

#include <chrono>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

static_assert(sizeof(dlib::bgr_pixel) == 3, "dlib::bgr_pixel must be packed B, G, R bytes");

constexpr long kMaxSide = 16384;

long micros(std::chrono::steady_clock::duration d) {
    return static_cast<long>(std::chrono::duration_cast<std::chrono::microseconds>(d).count());
}

struct Request {
    bool detect = true;
    long width = 0;
    long height = 0;
    dlib::rectangle box;  // for predict
};

// Parses a header line; false (with a message on stderr) when it is malformed.
bool parseHeader(const std::string& line, Request& request) {
    std::istringstream in(line);
    std::string verb;
    in >> verb;
    std::vector<long> values;
    long v;
    while (in >> v) {
        values.push_back(v);
    }
    request.detect = verb == "detect";
    bool known = (request.detect && values.size() == 2) || (verb == "predict" && values.size() == 6);
    if (!in.eof() || !known) {
        std::cerr << "dlib_landmarks: expected \"detect <width> <height>\" or \"predict <width> <height> <l> <t> "
                  << "<r> <b>\", got \"" << line << "\"\n";
        return false;
    }
    request.width = values[0];
    request.height = values[1];
    if (request.width <= 0 || request.height <= 0 || request.width > kMaxSide || request.height > kMaxSide) {
        std::cerr << "dlib_landmarks: frame size " << request.width << "x" << request.height << " out of range\n";
        return false;
    }
    if (!request.detect) {
        request.box = dlib::rectangle(values[2], values[3], values[4], values[5]);
    }
    return true;
}

// The most confident face in image, or an empty rectangle.
dlib::rectangle mostConfident(dlib::frontal_face_detector& detector, const dlib::array2d<dlib::bgr_pixel>& image) {
    std::vector<dlib::rect_detection> detections;
    detector(image, detections, 0.0);
    dlib::rectangle best;
    double confidence = 0;
    for (const dlib::rect_detection& d : detections) {
        if (best.is_empty() || d.detection_confidence > confidence) {
            best = d.rect;
            confidence = d.detection_confidence;
        }
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: dlib_landmarks <shape_predictor_68_face_landmarks.dat>\n";
        return 1;
    }
    std::ios::sync_with_stdio(false);
    dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
    dlib::shape_predictor predictor;
    try {
        dlib::deserialize(argv[1]) >> predictor;
    } catch (const std::exception& e) {
        std::cerr << "dlib_landmarks: cannot load " << argv[1] << ": " << e.what() << "\n";
        return 1;
    }
    std::cout << "ready " << predictor.num_parts() << "\n" << std::flush;

    dlib::array2d<dlib::bgr_pixel> frame;
    std::string header;
    while (std::getline(std::cin, header)) {
        Request request;
        if (!parseHeader(header, request)) {
            return 2;
        }
        if (frame.nc() != request.width || frame.nr() != request.height) {
            frame.set_size(request.height, request.width);
        }
        std::streamsize bytes = static_cast<std::streamsize>(request.width * request.height * 3);
        if (!std::cin.read(reinterpret_cast<char*>(dlib::image_data(frame)), bytes)) {
            std::cerr << "dlib_landmarks: the input ended inside a " << request.width << "x" << request.height
                      << " frame\n";
            return 2;
        }

        auto start = std::chrono::steady_clock::now();
        dlib::rectangle face = request.detect ? mostConfident(detector, frame) : request.box;
        auto detected = std::chrono::steady_clock::now();
        if (face.is_empty()) {
            std::cout << "none " << micros(detected - start) << "\n" << std::flush;
            continue;
        }
        dlib::full_object_detection shape = predictor(frame, face);
        auto predicted = std::chrono::steady_clock::now();

        std::cout << "face " << face.left() << ' ' << face.top() << ' ' << face.right() << ' ' << face.bottom();
        for (unsigned long i = 0; i < shape.num_parts(); i++) {
            std::cout << ' ' << shape.part(i).x() << ' ' << shape.part(i).y();
        }
        std::cout << ' ' << micros(detected - start) << ' ' << micros(predicted - detected) << "\n" << std::flush;
    }
    return 0;
}
